package io.docfleet.worker.extraction;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;

/** Builds the OpenAI client from {@link OpenAiSettings}. */
public final class OpenAiClients {
  private OpenAiClients() {}

  /**
   * The client does not retry: a failed request comes back at once as a retryable failure and the
   * task is retried with the fleet's backoff, so retries are not multiplied.
   */
  public static OpenAIClient create(OpenAiSettings settings, String selectedBy) {
    return OpenAIOkHttpClient.builder()
        .apiKey(settings.requireApiKey(selectedBy).value())
        .baseUrl(settings.baseUrl().toString())
        .timeout(settings.timeout())
        .maxRetries(0)
        .build();
  }
}
