package io.docfleet.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docfleet.config.Env;
import io.docfleet.spend.ProviderCall;
import io.docfleet.spend.ProviderPrices;
import io.docfleet.testing.SettableClock;
import io.docfleet.worker.provider.ProviderUsage;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A result cached with the calls that made it: a hit is recorded with the units, the price and the
 * cost the original call had, whatever the prices are by then; an entry cached with its units only
 * (before prices were kept with them) is priced when the hit records it.
 */
class CachedUsageTest {
  private final SettableClock clock = new SettableClock(Instant.parse("2026-12-07T10:00:00Z"));
  private static final ProviderUsage TOKENS =
      ProviderUsage.openAiTokens("gpt-4o-mini", 1_000_000, 0, 100_000);

  private RunCosts run(String prices) {
    return new RunCosts(
        new RunCosts.Run("doc-1", "acme", "structured", "t-1"),
        ProviderPrices.fromEnv(new Env(Map.of("PROVIDER_PRICES", prices)), LocalDate.now(clock)),
        clock);
  }

  @Test
  void aHitIsRecordedAtThePriceAndCostTheOriginalCallHadEvenAfterAPriceChange() throws Exception {
    RunCosts first = run("openai:gpt-4o-mini:input=0.15/1M,openai:gpt-4o-mini:output=0.60/1M");
    List<ProviderCall> paid = first.paid(List.of(TOKENS));
    String cached = CachedUsage.wrap("{\"ok\":true}", paid, true);
    assertThat(paid.get(0).costUsd()).isEqualByComparingTo("0.21");

    RunCosts later = run("openai:gpt-4o-mini:input=1/1M,openai:gpt-4o-mini:output=2/1M");
    CachedUsage.Read<String> read = CachedUsage.unwrap(cached);
    later.avoided(ProviderCalls.avoided("openai", read));

    assertThat(read.result()).isEqualTo("{\"ok\":true}");
    ProviderCall saved = later.uncounted().get(0);
    assertThat(saved.cached()).isTrue();
    assertThat(saved.units()).isEqualTo(paid.get(0).units());
    assertThat(saved.costUsd())
        .as("what the call cost, not what it would cost now")
        .isEqualByComparingTo("0.21");
    assertThat(saved.price()).isEqualTo(paid.get(0).price());
    assertThat(saved.documentId()).isEqualTo("doc-1");
  }

  @Test
  void theBuildBeforePricesWereKeptReadsTheUsageOfAnEntryWrittenNow() throws Exception {
    List<ProviderCall> paid = run("openai:gpt-4o-mini:input=0.15/1M").paid(List.of(TOKENS));
    String cached = CachedUsage.wrap("{\"ok\":true}", paid, true);
    String line = cached.substring("#usage ".length(), cached.indexOf('\n'));

    // what that build did: the usage line as a list of ProviderUsage, with Jackson's defaults
    List<ProviderUsage> read = new ObjectMapper().readValue(line, new TypeReference<>() {});

    assertThat(read).containsExactly(TOKENS);
    assertThat(cached).endsWith("\n{\"ok\":true}");
  }

  @Test
  void anEntryCachedWithItsUnitsAloneIsPricedWhenTheHitIsRecorded() throws Exception {
    String older =
        "#usage [{\"provider\":\"openai\",\"operation\":\"chat.completions\",\"model\":\"gpt-4o-mini\","
            + "\"units\":{\"input_tokens\":1000000,\"output_tokens\":0},\"later_field\":1}]\n[1,2]";
    RunCosts now = run("openai:gpt-4o-mini:input=0.50/1M");

    CachedUsage.Read<String> read = CachedUsage.unwrap(older);
    now.avoided(ProviderCalls.avoided("openai", read));

    assertThat(read.result()).isEqualTo("[1,2]");
    assertThat(now.uncounted().get(0).costUsd()).isEqualByComparingTo("0.50");
  }

  @Test
  void anEntryCachedBeforeTheLedgerCountsAsOneCallOfZeroUnitsForAPaidEngineOnly() throws Exception {
    CachedUsage.Read<String> read = CachedUsage.unwrap("{\"pages\":[]}");
    RunCosts costs = run("openai:gpt-4o-mini:input=0.50/1M");

    costs.avoided(ProviderCalls.avoided("textract", read));
    costs.avoided(ProviderCalls.avoided("pdfbox", read));

    assertThat(read.hadUsage()).isFalse();
    assertThat(costs.uncounted())
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.provider()).isEqualTo("textract");
              assertThat(row.costUsd()).isZero();
            });
    assertThat(CachedUsage.wrap("{}", List.of(), false))
        .as("a free engine's entry stays bare")
        .isEqualTo("{}");
  }
}
