package io.docfleet.testing;

import io.docfleet.redis.FleetContext;
import io.docfleet.spend.ProviderCall;
import io.docfleet.spend.SpendCounters;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.redisson.api.RBatch;

/**
 * Rows of the spend ledger for tests, read like sentences: {@code
 * aTextractCall("2026-12-01T10:00:00Z", "doc-1", 3)} costs 3 pages at $0.0015; {@code .cached()}
 * makes it the cache hit that avoided it, {@code inGroup("acme")} names its group.
 */
public final class TestProviderCalls {
  /** The Textract price the rows carry: USD a page. */
  public static final BigDecimal TEXTRACT_PAGE = new BigDecimal("0.0015");

  private TestProviderCalls() {}

  public static ProviderCall aTextractCall(String at, String documentId, long pages) {
    return new ProviderCall(
        Instant.parse(at),
        documentId,
        null,
        "ocr",
        "ocr-" + documentId,
        "textract",
        "detect_document_text",
        null,
        false,
        Map.of("pages", pages),
        Map.of("pages", TEXTRACT_PAGE.toPlainString(), "as_of", "2026-11-01"),
        TEXTRACT_PAGE.multiply(BigDecimal.valueOf(pages)));
  }

  /** An OpenAI call of {@code input} and {@code output} tokens that cost {@code costUsd}. */
  public static ProviderCall anOpenAiCall(
      String at, String documentId, long input, long output, String costUsd) {
    return new ProviderCall(
        Instant.parse(at),
        documentId,
        null,
        "entities",
        "entities-" + documentId,
        "openai",
        "chat.completions",
        "gpt-4o-mini",
        false,
        Map.of("input_tokens", input, "cached_input_tokens", 0L, "output_tokens", output),
        Map.of("input_tokens", "0.00000015", "output_tokens", "0.0000006", "as_of", "2026-11-01"),
        new BigDecimal(costUsd));
  }

  /**
   * Counts {@code usd} as spent now (the fleet's clock) by {@code group} (null: none) in the live
   * spend counters, as a stage's end does: what budgets read. The ledger is not written.
   */
  public static void countSpent(FleetContext fleet, String usd, String group) {
    ProviderCall call =
        inGroup(anOpenAiCall(fleet.clock().instant().toString(), "d-spent", 1000, 0, usd), group);
    RBatch batch = fleet.redis().createBatch();
    new SpendCounters(fleet).add(batch, List.of(call));
    batch.execute();
  }

  /** The same call, as the cache hit that avoided it. */
  public static ProviderCall cached(ProviderCall call) {
    return copy(call, call.group(), true);
  }

  public static ProviderCall inGroup(ProviderCall call, String group) {
    return copy(call, group, call.cached());
  }

  private static ProviderCall copy(ProviderCall call, String group, boolean cached) {
    return new ProviderCall(
        call.at(),
        call.documentId(),
        group,
        call.stage(),
        call.taskId(),
        call.provider(),
        call.operation(),
        call.model(),
        cached,
        call.units(),
        call.price(),
        call.costUsd());
  }
}
