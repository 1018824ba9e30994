package io.docfleet.worker.handler;

/**
 * A short account of where a handler threw, kept in its task's record as {@code error_trace}: the
 * exception's class and message, its top {@value #FRAMES} frames ({@code at x.y(File.java:12)}),
 * and the class and message of each cause (at most {@value #CAUSES}). Built only when an attempt
 * throws, never on a success. Frames name code, not data; messages are cut to {@value
 * #MESSAGE_CHARS} characters, as the record's {@code last_error} already holds them.
 */
public final class StackSummary {
  static final int FRAMES = 5;
  static final int CAUSES = 3;
  static final int MESSAGE_CHARS = 200;

  private StackSummary() {}

  /** The summary of {@code thrown}: lines joined by {@code \n}. */
  public static String of(Throwable thrown) {
    StringBuilder text = new StringBuilder(512);
    headline(text, thrown);
    StackTraceElement[] frames = thrown.getStackTrace();
    for (int i = 0; i < Math.min(FRAMES, frames.length); i++) {
      text.append("\n  at ").append(frame(frames[i]));
    }
    if (frames.length > FRAMES) {
      text.append("\n  ... ").append(frames.length - FRAMES).append(" more");
    }
    Throwable cause = thrown.getCause();
    for (int i = 0; cause != null && cause != thrown && i < CAUSES; i++) {
      text.append("\ncaused by ");
      headline(text, cause);
      StackTraceElement[] own = cause.getStackTrace();
      if (own.length > 0) {
        text.append("\n  at ").append(frame(own[0]));
      }
      cause = cause.getCause();
    }
    return text.toString();
  }

  private static void headline(StringBuilder text, Throwable thrown) {
    text.append(thrown.getClass().getName());
    String message = thrown.getMessage();
    if (message != null && !message.isBlank()) {
      String oneLine = message.strip().replaceAll("\\s+", " ");
      text.append(": ")
          .append(
              oneLine.length() <= MESSAGE_CHARS
                  ? oneLine
                  : oneLine.substring(0, MESSAGE_CHARS) + "…");
    }
  }

  /** {@code class.method(File.java:12)}, without the module and class-loader parts. */
  private static String frame(StackTraceElement frame) {
    String file = frame.getFileName();
    String where =
        file == null
            ? "Unknown Source"
            : frame.getLineNumber() >= 0 ? file + ":" + frame.getLineNumber() : file;
    return frame.getClassName() + "." + frame.getMethodName() + "(" + where + ")";
  }
}
