package io.docfleet.worker.pipeline;

import io.docfleet.redis.FleetContext;
import io.docfleet.spend.ProviderCall;
import io.docfleet.spend.SpendCounters;
import io.docfleet.store.DocumentStore;
import java.util.List;
import org.redisson.api.RBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what a run cost ({@link RunCosts}): the document's {@code provider_calls} and {@code
 * cache_hits} and the live spend counters ({@link SpendCounters}) in the Redis round trip of the
 * stage's end; for a run that ended otherwise, its ledger rows to PostgreSQL on their own (one
 * statement) and then its counts.
 */
final class RunCostWrites {
  private static final Logger log = LoggerFactory.getLogger(RunCostWrites.class);

  private final FleetContext fleet;
  private final DocumentStore store;

  RunCostWrites(FleetContext fleet, DocumentStore store) {
    this.fleet = fleet;
    this.store = store;
  }

  /** Adds the run's counts to {@code batch}, the stage's own round trip. */
  void add(RBatch batch, String documentId, RunCosts costs) {
    if (costs.isEmpty()) {
      return;
    }
    String key = fleet.keys().documentState(documentId);
    batch.getMap(key).addAndGetAsync("provider_calls", costs.calls());
    batch.getMap(key).addAndGetAsync("cache_hits", costs.hits());
    new SpendCounters(fleet).add(batch, costs.uncounted());
  }

  /**
   * The costs of a run that ended without its stage's end: the ledger rows PostgreSQL does not hold
   * yet in one statement, then the counts in one round trip; a run that cost nothing writes
   * nothing. Rows PostgreSQL does not take are logged one by one with their cost (and still counted
   * in Redis): a paid call is never dropped silently.
   */
  void writeAlone(String documentId, RunCosts costs) {
    if (costs.isEmpty()) {
      return;
    }
    List<ProviderCall> unrecorded = costs.unrecorded();
    try {
      store.providerCalls().record(unrecorded);
    } catch (RuntimeException e) {
      for (ProviderCall call : unrecorded) {
        log.error(
            "the spend ledger lost a provider call of document {}: {} {} {} cached={} units={}"
                + " cost_usd={} ({})",
            documentId,
            call.provider(),
            call.operation(),
            call.model(),
            call.cached(),
            call.units(),
            call.costUsd().toPlainString(),
            e.toString());
      }
    }
    costs.recorded(); // written or logged: a later write of the same costs repeats neither
    RBatch batch = fleet.redis().createBatch();
    add(batch, documentId, costs);
    batch.execute();
    costs.written();
  }
}
