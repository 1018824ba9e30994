package io.docfleet.redis;

/**
 * How {@link RedisKeys} puts names together: a caller's value escaped as one segment, hash tags,
 * the literal part of a {@code SCAN} pattern, and the channel Redisson names after a lock.
 */
final class KeyParts {
  private KeyParts() {}

  /**
   * A caller's value as one segment of a key name: the characters that separate segments, form hash
   * tags or act in {@code SCAN} patterns ({@code : { } * ? [ ] \ %}, spaces and control characters)
   * are percent-encoded, so a model name such as {@code ft:gpt-4o:acme::1} can never make two
   * different keys collide.
   */
  static String part(String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("a key segment needs a value");
    }
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= ' ' || c == 0x7f || ":{}*?[]\\%".indexOf(c) >= 0) {
        out.append('%').append(String.format("%02X", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** {@code {name}}: a hash tag; keys that start with it hash to the slot of {@code name}. */
  static String tag(String name) {
    return "{" + name + "}";
  }

  /** {@code <type>:<sha256>:<engine>:<engineVersion>:<settingsVersion>}, each value escaped. */
  static String contentId(
      String type, String sha256, String engine, String engineVersion, String settingsVersion) {
    return type
        + ":"
        + sha256
        + ":"
        + part(engine)
        + ":"
        + part(engineVersion)
        + ":"
        + part(settingsVersion);
  }

  /** {@code literal} with its glob characters ({@code * ? [ ] \}) escaped, for SCAN MATCH. */
  static String globEscaped(String literal) {
    return literal.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
  }

  /**
   * The channel Redisson's waiters on the lock {@code lock} listen on, named the way Redisson names
   * it: in the lock's slot, so inside its hash tag, or with the whole name as the tag.
   */
  static String redissonLockChannel(String lock) {
    return lock.contains("{")
        ? "redisson_lock__channel:" + lock
        : "redisson_lock__channel:{" + lock + "}";
  }
}
