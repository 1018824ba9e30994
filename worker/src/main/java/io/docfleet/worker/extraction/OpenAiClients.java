package io.docfleet.worker.extraction;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import io.docfleet.worker.provider.CallPermits;
import io.docfleet.worker.provider.ProviderException;
import java.time.Duration;
import java.util.Optional;

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

  /** The operation both extractors call, limited by {@code RATE_LIMIT_OPENAI_CHAT}. */
  public static final String CHAT = "chat";

  /**
   * Takes a permit of {@code rate:openai:chat} before a request.
   *
   * @throws ProviderException.OverRateLimit when the fleet's limit holds the call back
   */
  static void takeChatPermit(CallPermits permits) throws ProviderException {
    Optional<Duration> wait = permits.take(CHAT);
    if (wait.isPresent()) {
      throw ProviderException.overRateLimit(OpenAiFailures.PROVIDER, CHAT, wait.get());
    }
  }
}
