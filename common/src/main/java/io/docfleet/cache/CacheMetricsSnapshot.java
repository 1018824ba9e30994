package io.docfleet.cache;

/**
 * The counters of one cache type, or of all ({@code scope} {@code total}), as last written: hits
 * (served from the cache), misses (computed), errors and timeouts of cache calls (each also a
 * miss), and lock waits that ran out (the waiter computed the value itself).
 */
public record CacheMetricsSnapshot(
    String scope, long hits, long misses, long errors, long timeouts, long lockTimeouts) {

  /** What the counters added since {@code earlier}, a snapshot of the same scope. */
  public CacheMetricsSnapshot since(CacheMetricsSnapshot earlier) {
    return new CacheMetricsSnapshot(
        scope,
        hits - earlier.hits,
        misses - earlier.misses,
        errors - earlier.errors,
        timeouts - earlier.timeouts,
        lockTimeouts - earlier.lockTimeouts);
  }

  /** Hits over lookups, from 0 to 1; 0 before any lookup. */
  public double hitRate() {
    long lookups = hits + misses;
    return lookups == 0 ? 0 : (double) hits / lookups;
  }
}
