package io.docfleet.worker.ocr;

import io.docfleet.document.ContentHash;
import io.docfleet.source.S3Location;
import io.docfleet.source.SourceDocument;
import io.docfleet.source.SourceException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A document to read: its bytes, their sha256 and, when it is stored in S3, where (so Textract can
 * read a multi-page PDF there itself). The bytes are not copied: do not change them afterwards.
 */
public record OcrInput(byte[] content, String sha256, Optional<S3Location> location) {

  public OcrInput {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(location, "location");
  }

  public static OcrInput of(byte[] content) {
    return new OcrInput(content, ContentHash.sha256(content), Optional.empty());
  }

  /** A document whose bytes are also at {@code location} in S3. */
  public static OcrInput inS3(byte[] content, S3Location location) {
    return new OcrInput(content, ContentHash.sha256(content), Optional.of(location));
  }

  /** A document as its source read it; one read from {@code s3://} keeps its location. */
  public static OcrInput from(SourceDocument document) {
    Optional<S3Location> location = Optional.empty();
    if ("s3".equals(document.uri().getScheme())) {
      try {
        location = Optional.of(S3Location.parse(document.uri()));
      } catch (SourceException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }
    return new OcrInput(document.bytes(), document.sha256(), location);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof OcrInput that
        && Arrays.equals(content, that.content)
        && location.equals(that.location);
  }

  @Override
  public int hashCode() {
    return 31 * sha256.hashCode() + location.hashCode();
  }

  @Override
  public String toString() {
    return "OcrInput["
        + content.length
        + " bytes, sha256 "
        + sha256.substring(0, Math.min(12, sha256.length()))
        + location.map(l -> ", " + l.toUri()).orElse("")
        + "]";
  }
}
