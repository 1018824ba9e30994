package io.docfleet.api.documents;

import io.docfleet.source.S3Location;
import java.nio.file.Path;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Uploads in an S3 bucket ({@code COORDINATOR_UPLOAD_BUCKET}): {@code <prefix><documentId>/<name>}.
 */
public final class S3UploadStore implements UploadStore {
  private final S3Client s3;
  private final String bucket;
  private final String prefix;

  public S3UploadStore(S3Client s3, String bucket, String prefix) {
    this.s3 = s3;
    this.bucket = bucket;
    this.prefix = prefix;
  }

  @Override
  public String sourceOf(String documentId, String name) {
    return location(documentId, name).source();
  }

  @Override
  public String put(String documentId, String name, Path spooled) {
    S3Location location = location(documentId, name);
    s3.putObject(
        PutObjectRequest.builder().bucket(bucket).key(location.key()).build(),
        RequestBody.fromFile(spooled));
    return location.source();
  }

  private S3Location location(String documentId, String name) {
    return new S3Location(bucket, prefix + documentId + "/" + name);
  }
}
