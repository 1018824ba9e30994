package io.docfleet.tools.demo;

import static io.docfleet.testing.TestProviderCalls.aTextractCall;
import static io.docfleet.testing.TestProviderCalls.anOpenAiCall;
import static io.docfleet.testing.TestProviderCalls.cached;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.spend.JdbcProviderCallLedger;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestDatabase;
import io.docfleet.tools.demo.DemoSpend.RoundSpend;
import io.docfleet.tools.standins.Served;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The demo's ending: round 1's cost and round 2's savings read from the ledger by document id
 * prefix, an honest $0.00 when the engines were local, and with stand-ins the check of the ledger
 * against what they served.
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
    assertThat(first.units()).containsEntry("pages", 3L).containsEntry("input_tokens", 1000L);
    assertThat(second.cachedUnits()).isEqualTo(first.units());
    assertThat(second.spent()).isEqualByComparingTo("0");
    assertThat(second.saved()).isEqualByComparingTo("0.00471");
    assertThat(DemoSpend.line(first, second, 2, false))
        .isEqualTo(
            "spend (from the ledger): round 1 spent $0.00471 on 2 billed calls (3 Textract pages;"
                + " 1,000 input tokens, 0 of them cached, and 100 output tokens); round 2 spent"
                + " $0.00 and saved $0.00471 on 2 billed calls the cache answered");
  }

  @Test
  void theLedgerMatchesWhatTheStandInsServedWhenEveryFigureAgrees() {
    RoundSpend first = round("0.00471", "0", 4, 0, units(3, 1000, 200, 100));
    RoundSpend second = round("0", "0.00471", 0, 4, Map.of());
    Served inFirst = new Served(1, 1000, 200, 100, 3);

    List<String> mismatches = SpendCheck.mismatches(first, second, inFirst, Served.NOTHING);

    assertThat(mismatches).isEmpty();
    assertThat(SpendCheck.line(mismatches, second, inFirst))
        .isEqualTo(
            "spend check: round 1's 4 billed calls, 3 pages and 1,000 input (200 cached) and 100"
                + " output tokens, round 2's $0.00 spent and $0.00471 saved: matches what the"
                + " stand-ins served");
  }

  @Test
  void aTokenTheLedgerMissedARound2CallOrAShortSavingIsAMismatchNamingTheFigure() {
    RoundSpend first = round("0.00471", "0", 4, 0, units(3, 1000, 200, 100));
    RoundSpend second = round("0.0001", "0.004", 1, 1, Map.of());
    Served inFirst = new Served(1, 1001, 200, 100, 3);
    Served inSecond = new Served(1, 10, 0, 5, 0);

    List<String> mismatches = SpendCheck.mismatches(first, second, inFirst, inSecond);

    assertThat(mismatches)
        .containsExactly(
            "round 1's ledger has 1,000 input tokens, the stand-ins served 1,001",
            "round 2 made 1 provider calls (the ledger says 1); expected none",
            "round 2 spent $0.0001; expected $0.00",
            "round 2 saved $0.004, round 1's results cost $0.00471");
    assertThat(SpendCheck.line(mismatches, second, inFirst))
        .startsWith("spend check: MISMATCH between the ledger and the stand-ins: round 1's ledger");
  }

  @Test
  void round2SavesWhatRound1sResultsCostIncludingTheOnesRound1TookFromTheCache() {
    RoundSpend first = round("0.003", "0.0015", 2, 1, units(2, 0, 0, 0));
    RoundSpend second = round("0", "0.0045", 0, 3, Map.of());

    assertThat(SpendCheck.mismatches(first, second, new Served(0, 0, 0, 0, 2), Served.NOTHING))
        .isEmpty();
  }

  private static RoundSpend round(
      String spent, String saved, long calls, long cachedCalls, Map<String, Long> units) {
    return new RoundSpend(
        new BigDecimal(spent), new BigDecimal(saved), calls, cachedCalls, units, Map.of());
  }

  private static Map<String, Long> units(long pages, long input, long cached, long output) {
    return Map.of(
        "pages",
        pages,
        "input_tokens",
        input,
        "cached_input_tokens",
        cached,
        "output_tokens",
        output);
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
