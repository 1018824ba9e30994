package io.docfleet.api.health;

import io.docfleet.redis.RedisNumbers;
import java.util.Map;

/**
 * The fields of Redis's {@code INFO} that the health report uses, read leniently (a missing or odd
 * field reads as 0 or empty): version, mode, memory, eviction policy, clients, throughput (ops/s
 * and commands processed since start), keyspace hits and misses, evictions.
 */
record RedisInfo(
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

  static RedisInfo of(Map<String, String> info) {
    return new RedisInfo(
        info.getOrDefault("redis_version", ""),
        info.getOrDefault("redis_mode", ""),
        RedisNumbers.orZero(info.get("uptime_in_seconds")),
        RedisNumbers.orZero(info.get("used_memory")),
        RedisNumbers.orZero(info.get("maxmemory")),
        RedisNumbers.orZero(info.get("used_memory_peak")),
        info.getOrDefault("maxmemory_policy", ""),
        RedisNumbers.orZero(info.get("connected_clients")),
        RedisNumbers.orZero(info.get("blocked_clients")),
        RedisNumbers.orZero(info.get("instantaneous_ops_per_sec")),
        RedisNumbers.orZero(info.get("total_commands_processed")),
        RedisNumbers.orZero(info.get("keyspace_hits")),
        RedisNumbers.orZero(info.get("keyspace_misses")),
        RedisNumbers.orZero(info.get("evicted_keys")));
  }

  /** Used over max memory, 0 when no limit is set. */
  double memoryRatio() {
    return maxMemory <= 0 ? 0 : (double) usedMemory / maxMemory;
  }

  /** Keyspace hits over lookups, null before any lookup. */
  Double hitRate() {
    long lookups = keyspaceHits + keyspaceMisses;
    return lookups == 0 ? null : (double) keyspaceHits / lookups;
  }

  /** True when the server may evict keys without a TTL, which the queue's keys are. */
  boolean mayEvictQueueKeys() {
    return maxMemoryPolicy.startsWith("allkeys-");
  }

  /**
   * True when a full server evicts the least recently or least frequently used keys, as a cache's
   * should ({@code allkeys-lru}, {@code allkeys-lfu}, or {@code volatile-lru}/{@code -lfu}, which
   * evict only keys with a TTL, as every cache entry has).
   */
  boolean evictsLeastUsed() {
    return maxMemoryPolicy.endsWith("-lru") || maxMemoryPolicy.endsWith("-lfu");
  }
}
