package io.docfleet.worker.pipeline;

import io.docfleet.spend.ProviderCall;
import io.docfleet.spend.ProviderPrices;
import io.docfleet.worker.provider.ProviderUsage;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one run of a stage cost so far: provider calls sent and results the cache answered, and the
 * spend ledger's rows for them (paid calls, and the calls that cache hits avoided, each priced when
 * it happened). The run adds to it as it goes. The rows go to PostgreSQL in the stage's end
 * statement (or, when the run ends otherwise, on their own: a call of a run that fails was still
 * paid); the counts and the live spend counters go to Redis in the same round trip as the stage's
 * end, or on their own when the run ends otherwise.
 */
final class RunCosts {
  /** Who the rows are for: the run's document (null for none), group, stage and task. */
  record Run(String documentId, String group, String stage, String taskId) {}

  private final Run run;
  private final ProviderPrices prices;
  private final Clock clock;
  private final List<ProviderCall> rows = new ArrayList<>();
  private long calls;
  private long hits;
  private boolean recorded;

  RunCosts(Run run, ProviderPrices prices, Clock clock) {
    this.run = run;
    this.prices = prices;
    this.clock = clock;
  }

  synchronized void called() {
    calls++;
  }

  /** A call counted as sent that the fleet's rate limit held back after all. */
  synchronized void notCalled() {
    calls--;
  }

  synchronized void answeredByCache(long results) {
    hits += results;
  }

  /** Calls the provider billed: one ledger row each, at today's price. */
  synchronized void paid(List<ProviderUsage> usage) {
    usage.forEach(u -> rows.add(row(u, false)));
  }

  /**
   * Calls a cache hit avoided: one {@code cached} row each, with the units the original call had,
   * at today's price (what the call would cost now).
   */
  synchronized void avoided(List<ProviderUsage> usage) {
    usage.forEach(u -> rows.add(row(u, true)));
  }

  /** The run's group, or null. */
  String group() {
    return run.group();
  }

  /**
   * What the run's paid calls cost that the live spend counters do not hold yet (they are added
   * when the costs are written): a budget's check adds it to what the counters say.
   */
  synchronized BigDecimal spentNotCounted() {
    return rows.stream()
        .filter(row -> !row.cached())
        .map(ProviderCall::costUsd)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  synchronized long calls() {
    return calls;
  }

  synchronized long hits() {
    return hits;
  }

  /** Every ledger row of the run since the costs were last written. */
  synchronized List<ProviderCall> rows() {
    return List.copyOf(rows);
  }

  /** The rows PostgreSQL does not hold yet. */
  synchronized List<ProviderCall> unrecorded() {
    return recorded ? List.of() : List.copyOf(rows);
  }

  /** The rows are in PostgreSQL (the Redis counters may still be owed). */
  synchronized void recorded() {
    recorded = true;
  }

  synchronized boolean isEmpty() {
    return calls == 0 && hits == 0 && rows.isEmpty();
  }

  /** The costs were written: nothing is left to write. */
  synchronized void written() {
    calls = 0;
    hits = 0;
    rows.clear();
    recorded = false;
  }

  private ProviderCall row(ProviderUsage usage, boolean cached) {
    boolean none = usage.units().values().stream().allMatch(n -> n == 0);
    ProviderPrices.Cost cost =
        none
            ? new ProviderPrices.Cost(BigDecimal.ZERO, Map.of())
            : prices.cost(usage.provider(), usage.operation(), usage.model(), usage.units());
    return new ProviderCall(
        clock.instant(),
        run.documentId(),
        run.group(),
        run.stage(),
        run.taskId(),
        usage.provider(),
        usage.operation(),
        usage.model(),
        cached,
        usage.units(),
        cost.price(),
        cost.usd());
  }
}
