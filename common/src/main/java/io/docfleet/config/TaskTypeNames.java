package io.docfleet.config;

import java.util.regex.Pattern;

/** What a task type may be called: it becomes part of Redis key names. */
public final class TaskTypeNames {
  public static final String ACCEPTS = "a task type of letters, digits, '-', '_' or '.'";
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  private TaskTypeNames() {}

  public static boolean isValid(String type) {
    return type != null && VALID.matcher(type).matches();
  }
}
