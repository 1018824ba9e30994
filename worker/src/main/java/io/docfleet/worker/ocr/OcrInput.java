package io.docfleet.worker.ocr;

import io.docfleet.worker.provider.Hashes;
import java.util.Objects;
import java.util.Optional;

/**
 * A document to read: its bytes and, when it is stored in S3, where (so Textract can read a
 * multi-page PDF there itself). The bytes are not copied: do not change them afterwards.
 */
public record OcrInput(byte[] content, Optional<S3Location> location) {

  public OcrInput {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(location, "location");
  }

  public static OcrInput of(byte[] content) {
    return new OcrInput(content, Optional.empty());
  }

  /** A document whose bytes are also at {@code s3Uri} ({@code s3://bucket/key}). */
  public static OcrInput inS3(byte[] content, String s3Uri) {
    return new OcrInput(content, Optional.of(S3Location.parse(s3Uri)));
  }

  /** The sha256 of the content, in lower-case hex. */
  public String sha256() {
    return Hashes.sha256Hex(content);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof OcrInput that
        && java.util.Arrays.equals(content, that.content)
        && location.equals(that.location);
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Arrays.hashCode(content) + location.hashCode();
  }

  @Override
  public String toString() {
    return "OcrInput[" + content.length + " bytes" + location.map(l -> ", " + l).orElse("") + "]";
  }

  /** An object in S3. */
  public record S3Location(String bucket, String key) {
    private static final String ACCEPTS = "an S3 URI such as s3://bucket/path/to/file.pdf";

    public S3Location {
      if (bucket == null || bucket.isBlank() || key == null || key.isBlank()) {
        throw new IllegalArgumentException("an S3 location needs a bucket and a key");
      }
    }

    public static S3Location parse(String uri) {
      if (uri == null || !uri.startsWith("s3://")) {
        throw new IllegalArgumentException("expected " + ACCEPTS + ", got '" + uri + "'");
      }
      String rest = uri.substring("s3://".length());
      int slash = rest.indexOf('/');
      if (slash <= 0 || slash == rest.length() - 1) {
        throw new IllegalArgumentException("expected " + ACCEPTS + ", got '" + uri + "'");
      }
      return new S3Location(rest.substring(0, slash), rest.substring(slash + 1));
    }

    @Override
    public String toString() {
      return "s3://" + bucket + "/" + key;
    }
  }
}
