package io.docfleet.api.health;

import java.util.Map;

/**
 * The fields of Redis's {@code INFO} that the health report uses, read leniently (a missing or odd
 * field reads as 0 or empty): version, mode, memory, eviction policy, clients, throughput, keyspace
 * hits and misses, evictions.
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
    long keyspaceHits,
    long keyspaceMisses,
    long evictedKeys) {

  static RedisInfo of(Map<String, String> info) {
    return new RedisInfo(
        info.getOrDefault("redis_version", ""),
        info.getOrDefault("redis_mode", ""),
        number(info, "uptime_in_seconds"),
        number(info, "used_memory"),
        number(info, "maxmemory"),
        number(info, "used_memory_peak"),
        info.getOrDefault("maxmemory_policy", ""),
        number(info, "connected_clients"),
        number(info, "blocked_clients"),
        number(info, "instantaneous_ops_per_sec"),
        number(info, "keyspace_hits"),
        number(info, "keyspace_misses"),
        number(info, "evicted_keys"));
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

  private static long number(Map<String, String> info, String field) {
    String value = info.get(field);
    if (value == null) {
      return 0;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
