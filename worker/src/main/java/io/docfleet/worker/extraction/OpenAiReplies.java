package io.docfleet.worker.extraction;

import com.openai.errors.OpenAIInvalidDataException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.StructuredChatCompletion;
import com.openai.models.completions.CompletionUsage;
import io.docfleet.worker.provider.ProviderException;
import io.docfleet.worker.provider.ProviderUsage;
import java.util.List;
import java.util.Optional;

/**
 * Reads the first choice of a chat completion: a refusal or a reply cut off at the output limit is
 * permanent (asking again gives the same), an empty or unreadable reply may pass on another try.
 */
final class OpenAiReplies {
  private OpenAiReplies() {}

  static <T> T content(StructuredChatCompletion<T> completion) throws ProviderException {
    if (completion.choices().isEmpty()) {
      throw ProviderException.retryable(OpenAiFailures.PROVIDER, "the reply has no choices");
    }
    StructuredChatCompletion.Choice<T> choice = completion.choices().get(0);
    check(choice.finishReason(), choice.message().refusal());
    try {
      return choice
          .message()
          .content()
          .orElseThrow(
              () -> ProviderException.retryable(OpenAiFailures.PROVIDER, "the reply is empty"));
    } catch (OpenAIInvalidDataException e) {
      throw ProviderException.retryable(
          OpenAiFailures.PROVIDER, "the reply does not match the requested schema", e);
    }
  }

  static String content(ChatCompletion completion) throws ProviderException {
    if (completion.choices().isEmpty()) {
      throw ProviderException.retryable(OpenAiFailures.PROVIDER, "the reply has no choices");
    }
    ChatCompletion.Choice choice = completion.choices().get(0);
    check(choice.finishReason(), choice.message().refusal());
    return choice
        .message()
        .content()
        .filter(c -> !c.isBlank())
        .orElseThrow(
            () -> ProviderException.retryable(OpenAiFailures.PROVIDER, "the reply is empty"));
  }

  /**
   * The tokens a chat completion billed, from its {@code usage} (none when the reply has none):
   * prompt tokens (the cached ones among them) and completion tokens, priced by {@code model}, the
   * model asked for.
   */
  static List<ProviderUsage> usage(Optional<CompletionUsage> usage, String model) {
    return usage
        .map(
            u ->
                List.of(
                    ProviderUsage.openAiTokens(
                        model,
                        u.promptTokens(),
                        u.promptTokensDetails().flatMap(d -> d.cachedTokens()).orElse(0L),
                        u.completionTokens())))
        .orElse(List.of());
  }

  private static void check(ChatCompletion.Choice.FinishReason reason, Optional<String> refusal)
      throws ProviderException {
    if (refusal.isPresent() && !refusal.get().isBlank()) {
      throw ProviderException.permanent(
          OpenAiFailures.PROVIDER, "the model refused: " + refusal.get());
    }
    if (ChatCompletion.Choice.FinishReason.LENGTH.equals(reason)) {
      throw ProviderException.permanent(
          OpenAiFailures.PROVIDER,
          "the reply was cut off at the model's output limit; use a smaller CHUNK_MAX_CHARS or"
              + " OPENAI_MAX_INPUT_CHARS");
    }
    if (ChatCompletion.Choice.FinishReason.CONTENT_FILTER.equals(reason)) {
      throw ProviderException.permanent(
          OpenAiFailures.PROVIDER, "the provider's content filter stopped the reply");
    }
  }
}
