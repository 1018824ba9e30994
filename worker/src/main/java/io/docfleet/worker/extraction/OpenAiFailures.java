package io.docfleet.worker.extraction;

import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import io.docfleet.config.Secret;
import io.docfleet.worker.provider.ProviderException;
import io.docfleet.worker.provider.Redaction;

/** Sorts the OpenAI client's failures into retryable and permanent ones, without the key. */
final class OpenAiFailures {
  static final String PROVIDER = "openai";
  private static final int MAX_DETAIL = 300;

  private OpenAiFailures() {}

  static ProviderException map(RuntimeException e, OpenAiSettings settings) {
    Secret key = settings.apiKey().orElse(null);
    if (e instanceof OpenAIServiceException service) {
      // The client's message starts with the status ("429: ..."), which the prefix already says.
      // The exception itself is not kept as the cause: a server may echo the key in its message.
      String message = Redaction.redact(e.getMessage(), key).replaceFirst("^\\d{3}:\\s*", "");
      String detail =
          "chat completion at "
              + settings.baseUrl()
              + " failed: "
              + service.code().map(c -> c + ": ").orElse("")
              + shorten(message);
      return ProviderException.forHttpStatus(PROVIDER, service.statusCode(), detail, null);
    }
    if (e instanceof OpenAIIoException) {
      return ProviderException.retryable(
          PROVIDER,
          "cannot reach "
              + settings.baseUrl()
              + " ("
              + shorten(Redaction.redact(e.getMessage(), key))
              + ")",
          e);
    }
    if (e instanceof OpenAIInvalidDataException) {
      return ProviderException.retryable(
          PROVIDER,
          "the reply could not be read: " + shorten(Redaction.redact(e.getMessage(), key)),
          e);
    }
    return ProviderException.retryable(
        PROVIDER, "the request failed: " + shorten(Redaction.redact(e.getMessage(), key)), e);
  }

  private static String shorten(String text) {
    return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "...";
  }
}
