package io.docfleet.document;

import java.util.regex.Pattern;

/**
 * What a document id may be, the one rule wherever an id is read (every API route, a task's {@code
 * documentId}): 1 to 128 letters, digits, {@code .}, {@code _} or {@code -}, and not dots only. An
 * id names a folder of the upload store and part of Redis keys, so {@code .} and {@code ..} (and
 * {@code ...}, which some tools treat alike) are never ids.
 */
public final class DocumentIds {
  public static final int MAX_LENGTH = 128;
  public static final String RULE =
      "a document id is 1 to "
          + MAX_LENGTH
          + " letters, digits, '.', '_' or '-', and not dots only (such as '.' or '..')";
  private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_LENGTH + "}");
  private static final Pattern DOTS_ONLY = Pattern.compile("[.]+");

  private DocumentIds() {}

  public static boolean isValid(String id) {
    return id != null && ALLOWED.matcher(id).matches() && !DOTS_ONLY.matcher(id).matches();
  }
}
