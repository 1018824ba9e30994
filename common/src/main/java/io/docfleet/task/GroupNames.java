package io.docfleet.task;

import java.util.regex.Pattern;

/**
 * What a task's {@code group} may be called (a client, a matter, a tenant): part of Redis key names
 * ({@code {tasks:<type>}:group:<group>}), so kept to a safe alphabet without {@code :} or braces.
 * The queue's scripts accept the same names (include/groups.lua); an item that names another is in
 * no group there, and its worker dead-letters it as malformed.
 */
public final class GroupNames {
  /** What a bad name is told it may be. */
  public static final String ACCEPTS =
      "1 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit";

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

  private GroupNames() {}

  public static boolean isValid(String name) {
    return name != null && VALID.matcher(name).matches();
  }
}
