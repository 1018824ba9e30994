package io.docfleet.tools.demo;

import io.docfleet.spend.ProviderPrices;
import io.docfleet.spend.SpendRow;
import io.docfleet.tools.demo.DemoSpend.RoundSpend;
import io.docfleet.tools.standins.Served;
import java.util.ArrayList;
import java.util.List;

/**
 * With {@code --stand-ins}, the demo's last check: the ledger's round 1 holds exactly the calls,
 * pages and tokens the stand-ins served during it; round 2 reached no stand-in, spent nothing, and
 * saved what round 1's results cost (its paid calls, and any it had itself from the cache).
 */
final class SpendCheck {
  private SpendCheck() {}

  /** Each figure where the ledger and the stand-ins disagree, as a phrase; empty when none. */
  static List<String> mismatches(
      RoundSpend first, RoundSpend second, Served inFirst, Served inSecond) {
    List<String> problems = new ArrayList<>();
    compare(problems, "provider calls", first.calls(), inFirst.calls());
    compare(problems, "Textract pages", first.units(ProviderPrices.PAGES), inFirst.pages());
    compare(
        problems, "input tokens", first.units(ProviderPrices.INPUT_TOKENS), inFirst.inputTokens());
    compare(
        problems,
        "cached input tokens",
        first.units(ProviderPrices.CACHED_INPUT_TOKENS),
        inFirst.cachedInputTokens());
    compare(
        problems,
        "output tokens",
        first.units(ProviderPrices.OUTPUT_TOKENS),
        inFirst.outputTokens());
    if (inSecond.calls() != 0 || second.calls() != 0) {
      problems.add(
          String.format(
              "round 2 made %d provider calls (the ledger says %d); expected none",
              inSecond.calls(), second.calls()));
    }
    if (second.spent().signum() != 0) {
      problems.add("round 2 spent $" + SpendRow.money(second.spent()) + "; expected $0.00");
    }
    var expected = first.spent().add(first.saved());
    if (second.saved().compareTo(expected) != 0) {
      problems.add(
          String.format(
              "round 2 saved $%s, round 1's results cost $%s",
              SpendRow.money(second.saved()), SpendRow.money(expected)));
    }
    return problems;
  }

  /** The line that says whether the ledger matches what the stand-ins served. */
  static String line(List<String> mismatches, RoundSpend second, Served inFirst) {
    if (!mismatches.isEmpty()) {
      return "spend check: MISMATCH between the ledger and the stand-ins: "
          + String.join("; ", mismatches);
    }
    return String.format(
        "spend check: round 1's %d billed calls, %,d pages and %,d input (%,d cached) and %,d"
            + " output tokens, round 2's $0.00 spent and $%s saved: matches what the stand-ins"
            + " served",
        inFirst.calls(),
        inFirst.pages(),
        inFirst.inputTokens(),
        inFirst.cachedInputTokens(),
        inFirst.outputTokens(),
        SpendRow.money(second.saved()));
  }

  private static void compare(List<String> problems, String what, long ledger, long served) {
    if (ledger != served) {
      problems.add(
          String.format(
              "round 1's ledger has %,d %s, the stand-ins served %,d", ledger, what, served));
    }
  }
}
