package io.docfleet.tools.demo;

import io.docfleet.spend.ProviderPrices;
import io.docfleet.spend.SpendDimension;
import io.docfleet.spend.SpendQuery;
import io.docfleet.spend.SpendReport;
import io.docfleet.spend.SpendRow;
import io.docfleet.spend.SpendSheet;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The demo's last line: what round 1 cost and what round 2 saved, read from the spend ledger of the
 * run's schema ({@link SpendReport} by document, each round's documents by their id prefix). The
 * local engines cost nothing and the ledger has no row of theirs, which the line says rather than
 * showing a bare $0.00; with Textract or OpenAI (or stand-ins for them) the figures are the
 * ledger's.
 */
final class DemoSpend {
  private static final Map<String, String> PAID_ENGINES =
      Map.of(
          "OCR_ENGINE", "textract", "ENTITY_EXTRACTOR", "openai", "STRUCTURED_EXTRACTOR", "openai");

  /** One round's share of the ledger: paid calls and their units, cache hits and theirs. */
  record RoundSpend(
      BigDecimal spent,
      BigDecimal saved,
      long calls,
      long cachedCalls,
      Map<String, Long> units,
      Map<String, Long> cachedUnits) {
    static final RoundSpend NONE =
        new RoundSpend(BigDecimal.ZERO, BigDecimal.ZERO, 0, 0, Map.of(), Map.of());

    RoundSpend {
      units = Map.copyOf(units);
      cachedUnits = Map.copyOf(cachedUnits);
    }

    RoundSpend plus(SpendRow row) {
      return new RoundSpend(
          spent.add(row.spentUsd()),
          saved.add(row.savedUsd()),
          calls + row.calls(),
          cachedCalls + row.cachedCalls(),
          sum(units, row.units()),
          sum(cachedUnits, row.cachedUnits()));
    }

    /** The paid calls' units of this name; 0 when none. */
    long units(String name) {
      return units.getOrDefault(name, 0L);
    }

    private static Map<String, Long> sum(Map<String, Long> a, Map<String, Long> b) {
      Map<String, Long> sum = new TreeMap<>(a);
      b.forEach((unit, n) -> sum.merge(unit, n, Long::sum));
      return sum;
    }
  }

  private DemoSpend() {}

  /** The ledger's rows of the documents whose ids start with {@code prefix}, since {@code from}. */
  static RoundSpend read(DataSource ledger, LocalDate from, Clock clock, String prefix) {
    LocalDate to = SpendQuery.today(clock).plusDays(1);
    SpendSheet sheet =
        new SpendReport(ledger)
            .report(
                new SpendQuery(from, to, List.of(SpendDimension.DOCUMENT), SpendQuery.MAX_ROWS));
    RoundSpend round = RoundSpend.NONE;
    for (SpendRow row : sheet.rows()) {
      String document = row.keys().get(SpendDimension.DOCUMENT);
      if (document != null && document.startsWith(prefix)) {
        round = round.plus(row);
      }
    }
    return round;
  }

  /** True when the run's environment picks no engine that bills. */
  static boolean localEngines(Map<String, String> environment) {
    return PAID_ENGINES.entrySet().stream()
        .noneMatch(e -> e.getValue().equals(environment.get(e.getKey())));
  }

  /** The line: round 1's spend and round 2's savings, or why round 1 cost nothing. */
  static String line(
      RoundSpend first, RoundSpend second, long secondCacheHits, boolean localEngines) {
    if (first.calls() == 0 && second.cachedCalls() == 0) {
      return String.format(
          "spend: round 1 spent $0.00 (%s); round 2 answered %d calls from the cache",
          localEngines
              ? "local engines are free: the spend ledger has no call of theirs"
              : "the spend ledger recorded no billed call",
          secondCacheHits);
    }
    return String.format(
        "spend (from the ledger): round 1 spent $%s on %d billed calls (%s); round 2 spent $%s"
            + " and saved $%s on %d billed calls the cache answered",
        SpendRow.money(first.spent()),
        first.calls(),
        units(first),
        SpendRow.money(second.spent()),
        SpendRow.money(second.saved()),
        second.cachedCalls());
  }

  /**
   * A round's billed units: Textract pages (one billed call each, where the table counts one OCR
   * call per document) and OpenAI tokens.
   */
  static String units(RoundSpend round) {
    return String.format(
        "%,d Textract pages; %,d input tokens, %,d of them cached, and %,d output tokens",
        round.units(ProviderPrices.PAGES),
        round.units(ProviderPrices.INPUT_TOKENS),
        round.units(ProviderPrices.CACHED_INPUT_TOKENS),
        round.units(ProviderPrices.OUTPUT_TOKENS));
  }
}
