package io.docfleet.tools.standins;

/**
 * What the stand-ins served: OpenAI completions and the tokens their {@code usage} reported (input
 * counts the cached ones too, as the ledger's {@code input_tokens} does), and Textract pages, one
 * per DetectDocumentText call.
 */
public record Served(
    long completions, long inputTokens, long cachedInputTokens, long outputTokens, long pages) {
  public static final Served NOTHING = new Served(0, 0, 0, 0, 0);

  /** Provider calls: each completion and each page was one. */
  public long calls() {
    return completions + pages;
  }

  public Served plus(Served other) {
    return new Served(
        completions + other.completions,
        inputTokens + other.inputTokens,
        cachedInputTokens + other.cachedInputTokens,
        outputTokens + other.outputTokens,
        pages + other.pages);
  }

  /** What was served since {@code earlier}, a snapshot of the same stand-ins. */
  public Served minus(Served earlier) {
    return new Served(
        completions - earlier.completions,
        inputTokens - earlier.inputTokens,
        cachedInputTokens - earlier.cachedInputTokens,
        outputTokens - earlier.outputTokens,
        pages - earlier.pages);
  }
}
