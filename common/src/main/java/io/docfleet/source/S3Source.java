package io.docfleet.source;

import java.io.IOException;
import java.net.URI;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@code s3://bucket/key} documents through the AWS SDK v2 S3 client; the URI is the one {@link
 * S3Location#toUri()} writes, so the key read is exactly the one the source named.
 */
public final class S3Source implements DocumentSource {
  private final S3Client s3;

  public S3Source(S3Client s3) {
    this.s3 = s3;
  }

  @Override
  public boolean handles(URI uri) {
    return "s3".equals(uri.getScheme());
  }

  @Override
  public SourceDocument read(URI uri, long maxBytes) throws SourceException {
    S3Location location = S3Location.parse(uri);
    GetObjectRequest request =
        GetObjectRequest.builder().bucket(location.bucket()).key(location.key()).build();
    try (ResponseInputStream<GetObjectResponse> in = s3.getObject(request)) {
      Long length = in.response().contentLength();
      if (length != null && length > maxBytes) {
        in.abort();
        throw BoundedReader.tooLarge(location.source(), maxBytes);
      }
      byte[] bytes = BoundedReader.readAll(in, maxBytes, location.source());
      return SourceDocument.of(uri, location.fileName(), bytes);
    } catch (NoSuchKeyException | NoSuchBucketException e) {
      throw SourceException.permanent("no such object: " + location.source());
    } catch (S3Exception e) {
      boolean retryable = e.statusCode() >= 500 || e.statusCode() == 429;
      String reason = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorMessage();
      throw new SourceException(
          "S3 answered " + e.statusCode() + " for " + location.source() + ": " + reason,
          retryable,
          e);
    } catch (SdkClientException | IOException e) {
      throw new SourceException(
          "cannot read " + location.source() + ": " + e.getMessage(), true, e);
    }
  }
}
