package io.docfleet.api.cache;

import io.docfleet.redis.FleetContext;
import io.docfleet.redis.RedisNumbers;
import io.docfleet.store.DocumentRecord;
import io.docfleet.store.DocumentStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;

/**
 * The documents the provider cache saved the most provider calls, by the cache hits their runs
 * counted in {@code doc:state:<id>}, among the {@value #AMONG} most recently completed
 * (PostgreSQL's completed index, then one pipelined HMGET a document).
 */
final class CacheSavings {
  static final int AMONG = 1_000;

  /** One document: id, name, provider calls made and cache hits. */
  record Saved(String id, String name, long providerCalls, long cacheHits) {}

  /** The top documents, and how many completed documents were looked at. */
  record Top(int among, List<Saved> entries) {}

  private final FleetContext fleet;
  private final DocumentStore store;

  CacheSavings(FleetContext fleet, DocumentStore store) {
    this.fleet = fleet;
    this.store = store;
  }

  Top top(int limit) {
    List<DocumentRecord> recent = store.documentQueries().completedSince(Instant.EPOCH, AMONG);
    RBatch batch = fleet.redis().createBatch();
    List<RFuture<Map<String, String>>> counts = new ArrayList<>(recent.size());
    for (DocumentRecord document : recent) {
      counts.add(
          batch
              .<String, String>getMap(fleet.keys().documentState(document.id()))
              .getAllAsync(Set.of("provider_calls", "cache_hits")));
    }
    if (!recent.isEmpty()) {
      batch.execute();
    }
    List<Saved> saved = new ArrayList<>(recent.size());
    for (int i = 0; i < recent.size(); i++) {
      Map<String, String> state = counts.get(i).toCompletableFuture().join();
      long hits = RedisNumbers.orZero(state.get("cache_hits"));
      if (hits > 0) {
        DocumentRecord document = recent.get(i);
        saved.add(
            new Saved(
                document.id(),
                document.file().name(),
                RedisNumbers.orZero(state.get("provider_calls")),
                hits));
      }
    }
    saved.sort(Comparator.comparingLong(Saved::cacheHits).reversed().thenComparing(Saved::id));
    return new Top(recent.size(), saved.subList(0, Math.min(limit, saved.size())));
  }
}
