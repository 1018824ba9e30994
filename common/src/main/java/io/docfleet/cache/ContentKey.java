package io.docfleet.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a provider result depends on: the sha256 of the input, the engine ({@code textract}, {@code
 * openai}), its version or model ({@code gpt-4o-mini-2024-07-18}) and the version of the prompt or
 * settings. The same bytes under two documents share one key, so they cost one call; a new model or
 * prompt version is a new key, so it never returns an answer computed by the old one.
 */
public record ContentKey(
    CacheType type, String sha256, String engine, String engineVersion, String settingsVersion) {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  public ContentKey {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(sha256, "sha256");
    sha256 = sha256.toLowerCase();
    if (!SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException("sha256: expected 64 hex digits, got '" + sha256 + "'");
    }
    requireText("engine", engine);
    requireText("engineVersion", engineVersion);
    requireText("settingsVersion", settingsVersion);
  }

  /** The key of a result computed from {@code content}. */
  public static ContentKey of(
      CacheType type, byte[] content, String engine, String engineVersion, String settingsVersion) {
    return new ContentKey(type, sha256(content), engine, engineVersion, settingsVersion);
  }

  /** The lower-case hex sha256 of some bytes. */
  public static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** The lower-case hex sha256 of a text's UTF-8 bytes (as {@code Chunk.sha256} holds it). */
  public static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  private static void requireText(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + ": expected a name, got '" + value + "'");
    }
  }
}
