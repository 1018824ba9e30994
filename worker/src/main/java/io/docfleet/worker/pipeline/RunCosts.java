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
 * spend ledger's rows for them (paid calls, priced when they happened, and the calls that cache
 * hits avoided, at the price the original call had). The run adds to it as it goes. The rows go to
 * PostgreSQL in the stage's end statement (or, when the run ends otherwise, on their own: a call of
 * a run that fails was still paid); the counts and the live spend counters go to Redis in the same
 * round trip as the stage's end, or on their own when the run ends otherwise, but for the rows a
 * budget's check counted already in its own round trip.
 */
final class RunCosts {
  /** Who the rows are for: the run's document (null for none), group, stage and task. */
  record Run(String documentId, String group, String stage, String taskId) {}

  private final Run run;
  private final ProviderPrices prices;
  private final Clock clock;
  private final List<ProviderCall> rows = new ArrayList<>();
  private final List<ProviderCall> uncounted = new ArrayList<>();
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

  /** Calls the provider billed: one ledger row each, at today's price; returns the rows. */
  synchronized List<ProviderCall> paid(List<ProviderUsage> usage) {
    List<ProviderCall> paid = new ArrayList<>(usage.size());
    for (ProviderUsage u : usage) {
      ProviderCall row = row(u, false, null);
      add(row);
      paid.add(row);
    }
    return paid;
  }

  /**
   * Calls a cache hit avoided: one {@code cached} row each, with the units and the price the
   * original call had (a call cached without its price, at today's: what it would cost now).
   */
  synchronized void avoided(List<CachedUsage.Billed> calls) {
    calls.forEach(call -> add(row(call.usage(), true, call.priced() ? call.price() : null)));
  }

  private void add(ProviderCall row) {
    rows.add(row);
    uncounted.add(row);
  }

  /** The run's group, or null. */
  String group() {
    return run.group();
  }

  /**
   * The rows the live spend counters do not hold yet: added to them when the costs are written, or
   * earlier by a budget's check before the run's next paid call ({@link #counted}), so the rest of
   * the fleet sees what a run of many calls spent as it goes.
   */
  synchronized List<ProviderCall> uncounted() {
    return List.copyOf(uncounted);
  }

  /** The first {@code count} rows of {@link #uncounted()} are in the live counters now. */
  synchronized void counted(int count) {
    uncounted.subList(0, count).clear();
  }

  synchronized long calls() {
    return calls;
  }

  synchronized long hits() {
    return hits;
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
    uncounted.clear();
    recorded = false;
  }

  /** The row of a call: at the price {@code original} had when given, else at today's. */
  private ProviderCall row(ProviderUsage usage, boolean cached, CachedUsage.Price original) {
    ProviderPrices.Cost cost;
    if (original != null) {
      cost = new ProviderPrices.Cost(original.costUsd(), original.price());
    } else if (usage.units().values().stream().allMatch(n -> n == 0)) {
      cost = new ProviderPrices.Cost(BigDecimal.ZERO, Map.of());
    } else {
      cost = prices.cost(usage.provider(), usage.operation(), usage.model(), usage.units());
    }
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
