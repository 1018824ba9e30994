package io.docfleet.tools.demo;

import static io.docfleet.testing.TestProviderCalls.aTextractCall;
import static io.docfleet.testing.TestProviderCalls.anOpenAiCall;
import static io.docfleet.testing.TestProviderCalls.cached;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.spend.JdbcProviderCallLedger;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestDatabase;
import io.docfleet.tools.demo.DemoSpend.RoundSpend;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The demo's last line: round 1's cost and round 2's savings read from the ledger by document id
 * prefix, and an honest $0.00 when the engines were local.
 */
class DemoSpendTest {
  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  private static final SettableClock CLOCK =
      new SettableClock(Instant.parse("2026-12-07T12:00:00Z"));

  @Test
  void eachRoundIsReadFromItsDocumentsRows() {
    db.update("DELETE FROM provider_calls");
    new JdbcProviderCallLedger(db.dataSource())
        .record(
            List.of(
                aTextractCall("2026-12-07T10:00:00Z", "r1-1", 3),
                anOpenAiCall("2026-12-07T10:00:01Z", "r1-1", 1000, 100, "0.00021"),
                cached(aTextractCall("2026-12-07T10:01:00Z", "r2-1", 3)),
                cached(anOpenAiCall("2026-12-07T10:01:01Z", "r2-1", 1000, 100, "0.00021")),
                aTextractCall("2026-12-06T10:00:00Z", "r1-old", 100)));
    LocalDate started = LocalDate.parse("2026-12-07");

    RoundSpend first = DemoSpend.read(db.dataSource(), started, CLOCK, "r1-");
    RoundSpend second = DemoSpend.read(db.dataSource(), started, CLOCK, "r2-");

    assertThat(first.spent()).isEqualByComparingTo("0.00471");
    assertThat(first.calls()).isEqualTo(2);
    assertThat(second.spent()).isEqualByComparingTo("0");
    assertThat(second.saved()).isEqualByComparingTo("0.00471");
    assertThat(DemoSpend.line(first, second, 2, false))
        .isEqualTo(
            "spend (from the ledger): round 1 spent $0.00471 on 2 provider calls; round 2 spent"
                + " $0.00 and saved $0.00471 on 2 calls the cache answered");
  }

  @Test
  void localEnginesSpendNothingAndTheLineSaysWhy() {
    assertThat(DemoSpend.localEngines(Map.of())).isTrue();
    assertThat(DemoSpend.localEngines(Map.of("OCR_ENGINE", "tesseract"))).isTrue();
    assertThat(DemoSpend.localEngines(Map.of("ENTITY_EXTRACTOR", "openai"))).isFalse();
    assertThat(DemoSpend.localEngines(Map.of("OCR_ENGINE", "textract"))).isFalse();

    assertThat(DemoSpend.line(RoundSpend.NONE, RoundSpend.NONE, 19, true))
        .isEqualTo(
            "spend: round 1 spent $0.00 (local engines are free: the spend ledger has no call of"
                + " theirs); round 2 answered 19 calls from the cache");
    assertThat(DemoSpend.line(RoundSpend.NONE, RoundSpend.NONE, 3, false))
        .contains("the spend ledger recorded no billed call");
  }
}
