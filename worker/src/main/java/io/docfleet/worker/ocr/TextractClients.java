package io.docfleet.worker.ocr;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.textract.TextractClient;

/** Builds the Textract client from {@link TextractSettings}. */
public final class TextractClients {
  private TextractClients() {}

  public static TextractClient create(TextractSettings settings) {
    return create(settings, DefaultCredentialsProvider.builder().build());
  }

  /**
   * The SDK does not retry: a failed call comes back at once as a retryable failure, and the task
   * is retried with the fleet's backoff, so retries are not multiplied.
   */
  public static TextractClient create(
      TextractSettings settings, AwsCredentialsProvider credentials) {
    var builder =
        TextractClient.builder()
            .region(Region.of(settings.requireRegion()))
            .credentialsProvider(credentials)
            .overrideConfiguration(
                c ->
                    c.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(settings.timeout()));
    settings.endpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }
}
