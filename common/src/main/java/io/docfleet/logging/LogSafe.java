package io.docfleet.logging;

/**
 * Makes what a client sent safe to log: a line break (CR, LF, NEL, U+2028, U+2029) or any other
 * control character becomes a visible escape ({@code \n}, {@code \r}, {@code \u2028}...), so one
 * event stays one line and no request can forge another. Wrap every client-supplied value a log
 * statement prints, and the exception of a failed request, whose messages may quote one.
 */
public final class LogSafe {
  private static final int MAX_CAUSES = 16;

  private LogSafe() {}

  /** {@code value} as text with every line break and control character escaped. */
  public static String text(Object value) {
    String text = String.valueOf(value);
    int first = firstUnsafe(text);
    if (first < 0) {
      return text;
    }
    StringBuilder safe = new StringBuilder(text.length() + 8).append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> safe.append("\\n");
        case '\r' -> safe.append("\\r");
        case '\t' -> safe.append("\\t");
        default -> {
          if (isUnsafe(c)) {
            safe.append(String.format("\\u%04x", (int) c));
          } else {
            safe.append(c);
          }
        }
      }
    }
    return safe.toString();
  }

  /**
   * {@code e} itself when no message in its chain of causes needs escaping; else a stand-in with
   * the same stack traces whose messages (each starting with the original class) are escaped.
   */
  public static Throwable exception(Throwable e) {
    return isSafe(e, MAX_CAUSES) ? e : scrubbed(e, MAX_CAUSES);
  }

  private static boolean isSafe(Throwable e, int depth) {
    for (Throwable t = e; t != null && depth > 0; t = t.getCause(), depth--) {
      if (t.getMessage() != null && firstUnsafe(t.getMessage()) >= 0) {
        return false;
      }
    }
    return true;
  }

  private static Throwable scrubbed(Throwable e, int depth) {
    if (e == null || depth == 0) {
      return null;
    }
    Scrubbed copy =
        new Scrubbed(
            e.getClass().getName() + ": " + text(e.getMessage()),
            scrubbed(e.getCause(), depth - 1));
    copy.setStackTrace(e.getStackTrace());
    return copy;
  }

  private static int firstUnsafe(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (isUnsafe(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isUnsafe(char c) {
    return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
  }

  /** An exception as logged, its message escaped. */
  static final class Scrubbed extends RuntimeException {
    Scrubbed(String message, Throwable cause) {
      super(message, cause, false, true);
    }
  }
}
