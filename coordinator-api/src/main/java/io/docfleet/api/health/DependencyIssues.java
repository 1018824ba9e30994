package io.docfleet.api.health;

import io.docfleet.api.redismonitor.Outcome;
import io.docfleet.api.redismonitor.RedisInfo;
import io.docfleet.pools.PoolUse;
import java.util.ArrayList;
import java.util.List;

/**
 * The issues about the dependencies themselves: one that does not answer ({@code
 * redis_unavailable}, {@code cache_unavailable}, {@code postgres_unavailable}, critical, with the
 * error), a cache Redis that does not evict its least used keys when full ({@code
 * cache_eviction_policy}), and a connection pool past 80% of its maximum ({@code pool_high}).
 */
final class DependencyIssues {
  private DependencyIssues() {}

  /** {@code <code>} when {@code outcome} is unavailable: "{@code what} does not answer: error". */
  static List<Issue> unavailable(String code, String what, Outcome<?> outcome) {
    return outcome.answered()
        ? List.of()
        : List.of(
            new Issue(
                Issue.Severity.CRITICAL,
                code,
                what + " does not answer: " + outcome.errorOrNull()));
  }

  /**
   * A warning when the cache's Redis keeps its keys, or evicts them regardless of use, when full.
   */
  static List<Issue> cachePolicy(RedisInfo cache, boolean sharedWithQueue) {
    if (cache.evictsLeastUsed()) {
      return List.of();
    }
    String policy = cache.maxMemoryPolicy();
    return List.of(
        new Issue(
            Issue.Severity.WARNING,
            "cache_eviction_policy",
            "the cache's Redis runs maxmemory-policy "
                + policy
                + (policy.equals("noeviction")
                    ? ": once it is full, cache writes fail instead of old entries making room"
                    : ": once it is full, it evicts entries regardless of how much they are used")
                + "; use "
                + (sharedWithQueue
                    ? "volatile-lru or volatile-lfu (the cache shares the queue's Redis, whose keys"
                        + " must not be evicted), or give the cache its own Redis"
                        + " (REDIS_CACHE_URL)"
                    : "allkeys-lru or allkeys-lfu")));
  }

  /** A warning per pool with more than 80% of its maximum in use. */
  static List<Issue> pools(List<PoolUse> pools) {
    List<Issue> issues = new ArrayList<>();
    for (PoolUse pool : pools) {
      if (pool.busy()) {
        issues.add(
            new Issue(
                Issue.Severity.WARNING,
                "pool_high",
                "the "
                    + pool.title()
                    + " pool has more than "
                    + Math.round(PoolUse.BUSY * 100)
                    + "% of its maximum in use ("
                    + pool.summary()
                    + "); raise "
                    + pool.sizeVariable()
                    + " or find what holds its connections"));
      }
    }
    return issues;
  }
}
