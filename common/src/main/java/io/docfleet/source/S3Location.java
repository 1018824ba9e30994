package io.docfleet.source;

import java.net.URI;

/** The bucket and key of an {@code s3://bucket/key} URI. */
public record S3Location(String bucket, String key) {

  public static S3Location parse(URI uri) throws SourceException {
    String bucket = uri.getHost();
    String path = uri.getPath();
    if (!"s3".equals(uri.getScheme()) || bucket == null || path == null || path.length() < 2) {
      throw SourceException.permanent("not an s3://bucket/key URI: " + uri);
    }
    return new S3Location(bucket, path.substring(1));
  }

  public String fileName() {
    int slash = key.lastIndexOf('/');
    return slash < 0 ? key : key.substring(slash + 1);
  }

  public URI toUri() {
    return URI.create("s3://" + bucket + "/" + key);
  }
}
