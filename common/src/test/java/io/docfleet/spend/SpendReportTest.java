package io.docfleet.spend;

import static io.docfleet.testing.TestProviderCalls.aTextractCall;
import static io.docfleet.testing.TestProviderCalls.anOpenAiCall;
import static io.docfleet.testing.TestProviderCalls.inGroup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docfleet.testing.TestDatabase;
import io.docfleet.testing.TestProviderCalls;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The spend ledger's reports: spent and saved in exact decimals, calls and units summed by name,
 * grouped by any dimension over a range of UTC days (from inclusive, to exclusive), and cut to the
 * costliest rows when there are more than asked for.
 */
class SpendReportTest {
  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  private static final LocalDate DEC_1 = LocalDate.parse("2026-12-01");
  private JdbcProviderCallLedger ledger;
  private SpendReport report;

  @BeforeEach
  void anEmptyLedger() {
    db.update("DELETE FROM provider_calls");
    ledger = new JdbcProviderCallLedger(db.dataSource());
    report = new SpendReport(db.dataSource());
  }

  static ProviderCall textract(
      String at, String document, String group, boolean cached, long pages) {
    ProviderCall call = inGroup(aTextractCall(at, document, pages), group);
    return cached ? TestProviderCalls.cached(call) : call;
  }

  static ProviderCall openai(
      String at, String document, boolean cached, long in, long out, String cost) {
    ProviderCall call = anOpenAiCall(at, document, in, out, cost);
    return cached ? TestProviderCalls.cached(call) : call;
  }

  private static SpendQuery december(SpendDimension... by) {
    return new SpendQuery(DEC_1, DEC_1.plusMonths(1), List.of(by), SpendQuery.MAX_ROWS);
  }

  @Test
  void totalsAddWhatWasSpentAndWhatCacheHitsSavedApart() {
    ledger.record(
        List.of(
            textract("2026-12-01T10:00:00Z", "d1", "acme", false, 3),
            textract("2026-12-02T10:00:00Z", "d1", "acme", true, 3),
            openai("2026-12-02T11:00:00Z", "d1", false, 1000, 200, "0.00027")));

    SpendSheet sheet = report.report(december());

    SpendRow totals = sheet.totals();
    assertThat(totals.spentUsd()).isEqualByComparingTo("0.00477");
    assertThat(totals.savedUsd()).isEqualByComparingTo("0.0045");
    assertThat(totals.calls()).isEqualTo(2);
    assertThat(totals.cachedCalls()).isEqualTo(1);
    assertThat(totals.units())
        .isEqualTo(
            Map.of(
                "pages",
                3L,
                "input_tokens",
                1000L,
                "cached_input_tokens",
                0L,
                "output_tokens",
                200L));
    assertThat(totals.cachedUnits()).isEqualTo(Map.of("pages", 3L));
    assertThat(sheet.rows()).containsExactly(totals);
    assertThat(sheet.truncated()).isFalse();
  }

  @Test
  void moneyIsAddedExactlyWhereBinaryFloatsWouldDrift() {
    List<ProviderCall> calls = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      calls.add(openai("2026-12-03T00:00:0" + i + "Z", "d" + i, false, 1, 1, "0.1"));
    }
    ledger.record(calls);

    BigDecimal spent = report.report(december()).totals().spentUsd();

    assertThat(spent).isEqualByComparingTo("1.0");
    assertThat(SpendRow.money(spent)).isEqualTo("1.00");
  }

  @Test
  void groupsByUtcDayAndProviderOldestDayFirst() {
    ledger.record(
        List.of(
            textract("2026-12-01T23:59:59.999999Z", "d1", null, false, 1),
            textract("2026-12-02T00:00:00Z", "d2", null, false, 2),
            openai("2026-12-02T08:00:00Z", "d2", false, 10, 10, "0.5"),
            openai("2026-12-02T09:00:00Z", "d3", true, 10, 10, "0.5")));

    List<SpendRow> rows =
        report.report(december(SpendDimension.DAY, SpendDimension.PROVIDER)).rows();

    assertThat(rows)
        .extracting(
            r -> r.keys().get(SpendDimension.DAY) + " " + r.keys().get(SpendDimension.PROVIDER))
        .containsExactly("2026-12-01 textract", "2026-12-02 openai", "2026-12-02 textract");
    SpendRow openai = rows.get(1);
    assertThat(openai.spentUsd()).isEqualByComparingTo("0.5");
    assertThat(openai.savedUsd()).isEqualByComparingTo("0.5");
    assertThat(openai.calls()).isEqualTo(1);
    assertThat(openai.cachedCalls()).isEqualTo(1);
    assertThat(openai.units().get("input_tokens")).isEqualTo(10L);
    assertThat(openai.cachedUnits().get("output_tokens")).isEqualTo(10L);
    assertThat(rows.get(2).units()).isEqualTo(Map.of("pages", 2L));
  }

  @Test
  void fromIsInclusiveAndToExclusive() {
    ledger.record(
        List.of(
            textract("2026-11-30T23:59:59Z", "before", null, false, 1),
            textract("2026-12-01T00:00:00Z", "first", null, false, 2),
            textract("2026-12-07T23:59:59Z", "last", null, false, 4),
            textract("2026-12-08T00:00:00Z", "after", null, false, 8)));

    SpendSheet sheet =
        report.report(
            new SpendQuery(
                DEC_1, LocalDate.parse("2026-12-08"), List.of(SpendDimension.DOCUMENT), 10));

    assertThat(sheet.rows())
        .extracting(r -> r.keys().get(SpendDimension.DOCUMENT))
        .containsExactlyInAnyOrder("first", "last");
    assertThat(sheet.totals().units()).isEqualTo(Map.of("pages", 6L));
  }

  @Test
  void aCallWithoutModelOrGroupIsARowOfItsOwnWithNullKeys() {
    ledger.record(
        List.of(
            textract("2026-12-04T10:00:00Z", "d1", "acme", false, 1),
            textract("2026-12-04T10:00:01Z", "d2", null, false, 1),
            openai("2026-12-04T10:00:02Z", "d3", false, 5, 5, "0.25")));

    List<SpendRow> rows =
        report
            .report(december(SpendDimension.MODEL, SpendDimension.GROUP, SpendDimension.OPERATION))
            .rows();

    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).keys().get(SpendDimension.MODEL)).isEqualTo("gpt-4o-mini");
    assertThat(rows.get(0).keys().get(SpendDimension.GROUP)).isNull();
    assertThat(rows)
        .extracting(r -> r.keys().get(SpendDimension.GROUP))
        .containsExactlyInAnyOrder("acme", null, null);
    assertThat(rows.get(0).keys().keySet())
        .containsExactly(SpendDimension.MODEL, SpendDimension.GROUP, SpendDimension.OPERATION);
  }

  @Test
  void moreGroupsThanTheLimitKeepTheCostliestAndSaySo() {
    List<ProviderCall> calls = new ArrayList<>();
    for (int pages = 1; pages <= 5; pages++) {
      calls.add(textract("2026-12-05T10:00:00Z", "d" + pages, null, false, pages));
    }
    ledger.record(calls);

    SpendSheet sheet =
        report.report(
            new SpendQuery(DEC_1, DEC_1.plusDays(31), List.of(SpendDimension.DOCUMENT), 2));

    assertThat(sheet.rows())
        .extracting(r -> r.keys().get(SpendDimension.DOCUMENT))
        .containsExactly("d5", "d4");
    assertThat(sheet.truncated()).isTrue();
    assertThat(sheet.groups()).isEqualTo(5);
    assertThat(sheet.totals().units()).isEqualTo(Map.of("pages", 15L));
  }

  @Test
  void anEmptyRangeAddsUpToNothing() {
    SpendSheet sheet = report.report(december(SpendDimension.DAY));

    assertThat(sheet.rows()).isEmpty();
    assertThat(SpendRow.money(sheet.totals().spentUsd())).isEqualTo("0.00");
    assertThat(sheet.totals().units()).isEmpty();
    assertThat(report.report(december()).rows()).isEmpty();
  }

  @Test
  void theLedgerKeepsThePriceItWasWrittenWith() {
    ledger.record(List.of(textract("2026-12-06T10:00:00Z", "d1", null, false, 2)));

    assertThat(db.queryLong("SELECT count(*) FROM provider_calls WHERE price->>'pages' = '0.0015'"))
        .isEqualTo(1);
    assertThat(db.queryLong("SELECT (units->>'pages')::int FROM provider_calls")).isEqualTo(2);
  }

  @Test
  void aQueryOutsideItsRulesIsRefused() {
    assertThatThrownBy(() -> new SpendQuery(DEC_1, DEC_1, List.of(), 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SpendQuery(DEC_1, DEC_1.plusDays(367), List.of(), 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new SpendQuery(
                    DEC_1, DEC_1.plusDays(1), List.of(SpendDimension.DAY, SpendDimension.DAY), 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SpendQuery(DEC_1, DEC_1.plusDays(1), List.of(), 1001))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new SpendQuery(DEC_1, DEC_1.plusDays(366), List.of(), 1).from()).isEqualTo(DEC_1);
  }

  @Test
  void moneyIsWrittenWithTwoToTenDecimals() {
    assertThat(SpendRow.money(new BigDecimal("0E-10"))).isEqualTo("0.00");
    assertThat(SpendRow.money(new BigDecimal("1.5000000000"))).isEqualTo("1.50");
    assertThat(SpendRow.money(new BigDecimal("0.0000375000"))).isEqualTo("0.0000375");
    assertThat(SpendRow.money(new BigDecimal("1200.0000000000"))).isEqualTo("1200.00");
  }
}
