package io.docfleet.api.metrics;

import io.docfleet.redis.RedisNumbers;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What a Redis says of its memory in {@code INFO}: bytes used, its {@code maxmemory} (0 when it has
 * none) and the keys it evicted since it started. On a Cluster the memory is that of the master
 * nearest its {@code maxmemory}, the first to refuse writes or evict, and the evictions are those
 * of every master.
 */
record RedisMemory(long usedBytes, long maxBytes, long evictedKeys) {

  /** From the {@code INFO} fields of each master (one on a single Redis or with Sentinel). */
  static RedisMemory of(List<Map<String, String>> masters) {
    if (masters.isEmpty()) {
      throw new IllegalArgumentException("no master answered INFO");
    }
    Map<String, String> fullest =
        masters.stream()
            .max(
                Comparator.comparingDouble(RedisMemory::fill)
                    .thenComparingLong(info -> number(info, "used_memory")))
            .orElseThrow();
    long evicted = masters.stream().mapToLong(info -> number(info, "evicted_keys")).sum();
    return new RedisMemory(number(fullest, "used_memory"), number(fullest, "maxmemory"), evicted);
  }

  /** Used over max memory; 0 without a limit. */
  private static double fill(Map<String, String> info) {
    long max = number(info, "maxmemory");
    return max <= 0 ? 0 : (double) number(info, "used_memory") / max;
  }

  private static long number(Map<String, String> info, String field) {
    return RedisNumbers.orZero(info.get(field));
  }
}
