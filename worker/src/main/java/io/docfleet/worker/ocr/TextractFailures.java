package io.docfleet.worker.ocr;

import io.docfleet.worker.provider.ProviderException;
import io.docfleet.worker.provider.Redaction;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/** Sorts the AWS SDK's failures into retryable and permanent ones, with Textract's error code. */
final class TextractFailures {
  private static final Set<String> RETRYABLE_CODES =
      Set.of(
          "ThrottlingException",
          "ProvisionedThroughputExceededException",
          "LimitExceededException",
          "InternalServerError",
          "ServiceUnavailableException");

  private TextractFailures() {}

  static ProviderException map(SdkException e, String call) {
    if (e instanceof AwsServiceException service) {
      String code =
          service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
      String message =
          service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorMessage();
      String detail =
          Redaction.redact(
              call
                  + " failed with HTTP "
                  + service.statusCode()
                  + (code == null ? "" : " " + code)
                  + (message == null ? "" : ": " + message),
              null);
      boolean retryable =
          service.isThrottlingException()
              || RETRYABLE_CODES.contains(code)
              || ProviderException.isRetryableStatus(service.statusCode());
      // The SDK's exception is not kept as the cause: its message may quote the signed request.
      return retryable
          ? ProviderException.retryable(TextractEngine.NAME, detail)
          : ProviderException.permanent(TextractEngine.NAME, detail);
    }
    if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
      return ProviderException.retryable(TextractEngine.NAME, call + " timed out", e);
    }
    // Client-side: the endpoint cannot be reached, the connection broke, credentials are not there.
    return ProviderException.retryable(TextractEngine.NAME, call + " failed: " + e.getMessage(), e);
  }
}
