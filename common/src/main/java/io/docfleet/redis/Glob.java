package io.docfleet.redis;

/**
 * Redis' glob patterns ({@code SCAN MATCH}, {@code KEYS}) matched in memory: {@code *} any run of
 * characters, {@code ?} one, {@code [abc]}, {@code [^a]} and {@code [a-z]} one of a set, and {@code
 * \} taking the next character literally. So a key read once can be sorted into several patterns
 * without a {@code SCAN} per pattern.
 */
final class Glob {
  private Glob() {}

  static boolean matches(String pattern, String text) {
    int p = 0;
    int t = 0;
    int starAt = -1; // the pattern position after the last '*', and the text position it took
    int starText = 0;
    while (t < text.length()) {
      if (p < pattern.length() && pattern.charAt(p) == '*') {
        starAt = ++p;
        starText = t;
        continue;
      }
      int next = p < pattern.length() ? step(pattern, p, text.charAt(t)) : -1;
      if (next >= 0) {
        p = next;
        t++;
      } else if (starAt >= 0) {
        p = starAt;
        t = ++starText;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }

  /** Where the pattern goes on when its element at {@code p} matches {@code c}; -1 when not. */
  private static int step(String pattern, int p, char c) {
    char head = pattern.charAt(p);
    if (head == '?') {
      return p + 1;
    }
    if (head == '\\' && p + 1 < pattern.length()) {
      return pattern.charAt(p + 1) == c ? p + 2 : -1;
    }
    if (head == '[') {
      return set(pattern, p + 1, c);
    }
    return head == c ? p + 1 : -1;
  }

  /** A {@code [...]} set starting after its bracket: the position after its {@code ]}, or -1. */
  private static int set(String pattern, int p, char c) {
    boolean negated = p < pattern.length() && pattern.charAt(p) == '^';
    if (negated) {
      p++;
    }
    boolean found = false;
    while (p < pattern.length() && pattern.charAt(p) != ']') {
      char from = pattern.charAt(p);
      if (from == '\\' && p + 1 < pattern.length()) {
        from = pattern.charAt(++p);
        found |= from == c;
        p++;
      } else if (p + 2 < pattern.length()
          && pattern.charAt(p + 1) == '-'
          && pattern.charAt(p + 2) != ']') {
        char to = pattern.charAt(p + 2);
        found |= Math.min(from, to) <= c && c <= Math.max(from, to);
        p += 3;
      } else {
        found |= from == c;
        p++;
      }
    }
    int after = p < pattern.length() ? p + 1 : p; // an unclosed set ends with the pattern
    return found != negated ? after : -1;
  }
}
