package io.docfleet.config;

/** What a task type may be called: it becomes part of Redis key names. */
public final class TaskTypeNames {
  public static final String ACCEPTS = "a task type of letters, digits, '-', '_' or '.'";
  private static final int MAX_LENGTH = 64;

  private TaskTypeNames() {}

  public static boolean isValid(String type) {
    if (type == null || type.isEmpty() || type.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < type.length(); i++) {
      if (!isAllowed(type.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Checked per character rather than with a pattern: every task a worker reads is checked. */
  private static boolean isAllowed(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '.'
        || c == '-';
  }
}
