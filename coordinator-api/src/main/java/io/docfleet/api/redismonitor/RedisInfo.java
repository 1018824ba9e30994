package io.docfleet.api.redismonitor;

import io.docfleet.redis.RedisNumbers;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The figures of Redis's {@code INFO} that the health report, the metrics, the dashboard and the
 * monitor show, read leniently (a missing or odd field reads as 0 or empty): version, mode, uptime,
 * memory used, maximum and peak, eviction policy, clients, throughput (ops/s and commands processed
 * since start), keyspace hits and misses, evictions.
 *
 * <p>On a Cluster ({@link #of(List)} with every master's fields) the memory figures are those of
 * the master nearest its {@code maxmemory}, the first to refuse writes or evict; the uptime is the
 * youngest master's; clients, throughput, hits, misses and evictions add up over the masters.
 */
public record RedisInfo(
    String version,
    String mode,
    long uptimeSeconds,
    long usedMemory,
    long maxMemory,
    long peakMemory,
    String maxMemoryPolicy,
    long connectedClients,
    long blockedClients,
    long opsPerSecond,
    long commandsProcessed,
    long keyspaceHits,
    long keyspaceMisses,
    long evictedKeys) {

  /** No figures: what the shape of a Redis that did not answer is written from. */
  public static final RedisInfo NONE = of(Map.of());

  /** The fields of one server. */
  public static RedisInfo of(Map<String, String> info) {
    return of(List.of(info));
  }

  /** The fields of every master (one on a single Redis or with Sentinel), as one server's. */
  public static RedisInfo of(List<Map<String, String>> masters) {
    if (masters.isEmpty()) {
      throw new IllegalArgumentException("no master answered INFO");
    }
    Map<String, String> first = masters.get(0);
    Map<String, String> fullest =
        masters.stream()
            .max(
                Comparator.comparingDouble(RedisInfo::fill)
                    .thenComparingLong(info -> number(info, "used_memory")))
            .orElseThrow();
    return new RedisInfo(
        first.getOrDefault("redis_version", ""),
        first.getOrDefault("redis_mode", ""),
        masters.stream().mapToLong(info -> number(info, "uptime_in_seconds")).min().orElse(0),
        number(fullest, "used_memory"),
        number(fullest, "maxmemory"),
        number(fullest, "used_memory_peak"),
        first.getOrDefault("maxmemory_policy", ""),
        sum(masters, "connected_clients"),
        sum(masters, "blocked_clients"),
        sum(masters, "instantaneous_ops_per_sec"),
        sum(masters, "total_commands_processed"),
        sum(masters, "keyspace_hits"),
        sum(masters, "keyspace_misses"),
        sum(masters, "evicted_keys"));
  }

  /** Used over max memory, 0 when no limit is set. */
  public double memoryRatio() {
    return maxMemory <= 0 ? 0 : (double) usedMemory / maxMemory;
  }

  /** Keyspace hits over lookups, null before any lookup. */
  public Double hitRate() {
    long lookups = keyspaceHits + keyspaceMisses;
    return lookups == 0 ? null : (double) keyspaceHits / lookups;
  }

  /** True when the server may evict keys without a TTL, which the queue's keys are. */
  public boolean mayEvictQueueKeys() {
    return maxMemoryPolicy.startsWith("allkeys-");
  }

  /**
   * True when a full server evicts the least recently or least frequently used keys, as a cache's
   * should ({@code allkeys-lru}, {@code allkeys-lfu}, or {@code volatile-lru}/{@code -lfu}, which
   * evict only keys with a TTL, as every cache entry has).
   */
  public boolean evictsLeastUsed() {
    return maxMemoryPolicy.endsWith("-lru") || maxMemoryPolicy.endsWith("-lfu");
  }

  /** Used over max memory of one master's fields; 0 without a limit. */
  private static double fill(Map<String, String> info) {
    long max = number(info, "maxmemory");
    return max <= 0 ? 0 : (double) number(info, "used_memory") / max;
  }

  private static long sum(List<Map<String, String>> masters, String field) {
    ToLongFunction<Map<String, String>> value = info -> number(info, field);
    return masters.stream().mapToLong(value).sum();
  }

  private static long number(Map<String, String> info, String field) {
    return RedisNumbers.orZero(info.get(field));
  }
}
