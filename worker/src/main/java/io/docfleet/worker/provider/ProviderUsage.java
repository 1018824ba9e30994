package io.docfleet.worker.provider;

import io.docfleet.spend.ProviderPrices;
import java.util.Map;
import java.util.Objects;

/**
 * What one call to a paid provider billed, as the provider reported it: Textract's pages, OpenAI's
 * input (cached ones among them) and output tokens from the reply's {@code usage}. The spend ledger
 * prices it.
 *
 * @param model the model asked for, or null (Textract)
 * @param units by the ledger's unit names ({@code pages}, {@code input_tokens}...)
 */
public record ProviderUsage(
    String provider, String operation, String model, Map<String, Long> units) {
  public ProviderUsage {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(operation, "operation");
    units = Map.copyOf(units);
  }

  /** Textract's operations as the ledger names them. */
  public static final String DETECT_DOCUMENT_TEXT = "detect_document_text";

  public static final String START_DOCUMENT_TEXT_DETECTION = "start_document_text_detection";

  /** OpenAI's chat completions, as the ledger names them. */
  public static final String CHAT_COMPLETIONS = "chat.completions";

  /** {@code pages} pages of Textract's {@code operation}. */
  public static ProviderUsage textractPages(String operation, long pages) {
    return new ProviderUsage("textract", operation, null, Map.of(ProviderPrices.PAGES, pages));
  }

  /** One chat completion's tokens; {@code input} counts the {@code cachedInput} ones too. */
  public static ProviderUsage openAiTokens(
      String model, long input, long cachedInput, long output) {
    return new ProviderUsage(
        "openai",
        CHAT_COMPLETIONS,
        model,
        Map.of(
            ProviderPrices.INPUT_TOKENS,
            input,
            ProviderPrices.CACHED_INPUT_TOKENS,
            cachedInput,
            ProviderPrices.OUTPUT_TOKENS,
            output));
  }
}
