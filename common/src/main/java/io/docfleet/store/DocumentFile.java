package io.docfleet.store;

import java.util.Locale;
import java.util.Objects;

/**
 * A document as it is registered: its id, where it came from ({@code source}, such as an S3 URI or
 * a path), its name, media type, size and the sha256 of its bytes (64 hex digits, stored in lower
 * case).
 */
public record DocumentFile(
    String id, String source, String name, String mediaType, long sizeBytes, String sha256) {

  public DocumentFile {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("a document needs an id");
    }
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mediaType, "mediaType");
    if (sizeBytes < 0) {
      throw new IllegalArgumentException("document " + id + ": size below 0: " + sizeBytes);
    }
    if (sha256 == null || !sha256.matches("[0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException(
          "document " + id + ": sha256 must be 64 hex digits, got '" + sha256 + "'");
    }
    sha256 = sha256.toLowerCase(Locale.ROOT);
  }

  /** True when {@code other} describes different bytes (a different sha256). */
  public boolean contentDiffersFrom(DocumentFile other) {
    return !sha256.equals(other.sha256);
  }
}
