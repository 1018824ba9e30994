package io.docfleet.api.redismonitor;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code INFO} figures of the queue's Redis and the cache's, by {@code redis} ({@code queue},
 * {@code cache}; the same server under both names when the cache has no Redis of its own), read
 * from their {@link RedisServer} when scraped: a Redis that does not answer leaves its {@code
 * docfleet_redis_up} at 0 and its other series out, and touches nothing else of the scrape. With
 * {@link #withKeyCounts} (the Redis monitor's scrape) also {@code docfleet_redis_keys} by {@code
 * family}.
 */
public final class RedisServerCollector implements MultiCollector {
  private static final Logger log = LoggerFactory.getLogger(RedisServerCollector.class);

  private final Map<String, RedisServer> servers;
  private final boolean keyCounts;
  private final Set<String> failing = ConcurrentHashMap.newKeySet();

  private RedisServerCollector(Map<String, RedisServer> servers, boolean keyCounts) {
    this.servers = new LinkedHashMap<>(servers);
    this.keyCounts = keyCounts;
  }

  /** The figures of each of {@code servers}, by the name its series carry. */
  public static RedisServerCollector of(Map<String, RedisServer> servers) {
    return new RedisServerCollector(servers, false);
  }

  /** The same, and each server's keys by family (a {@code SCAN} every half minute at most). */
  public static RedisServerCollector withKeyCounts(Map<String, RedisServer> servers) {
    return new RedisServerCollector(servers, true);
  }

  @Override
  public MetricSnapshots collect() {
    Map<String, RedisInfo> read = new LinkedHashMap<>();
    Map<String, KeyCounts> counted = new LinkedHashMap<>();
    GaugeSnapshot.Builder up =
        GaugeSnapshot.builder()
            .name("docfleet_redis_up")
            .help("1 when this scrape read the Redis server's INFO, else 0");
    servers.forEach(
        (name, server) -> {
          RedisInfo info = read(name, server);
          up.dataPoint(gauge(Labels.of("redis", name), info == null ? 0 : 1));
          if (info != null) {
            read.put(name, info);
            if (keyCounts) {
              countKeys(name, server, counted);
            }
          }
        });
    List<MetricSnapshot> families = new ArrayList<>();
    families.add(up.build());
    families.add(
        gauge(
            read,
            "memory_used_bytes",
            "Memory the Redis server uses (used_memory)",
            RedisInfo::usedMemory));
    families.add(
        gauge(
            read,
            "memory_max_bytes",
            "The Redis server's maxmemory; 0 when it has no limit",
            RedisInfo::maxMemory));
    families.add(
        gauge(
            read,
            "memory_peak_bytes",
            "The most memory the Redis server used since it started (used_memory_peak)",
            RedisInfo::peakMemory));
    families.add(
        counter(
            read,
            "evicted_keys",
            "Keys the Redis server evicted to stay within maxmemory, since it started",
            RedisInfo::evictedKeys));
    families.add(
        gauge(
            read,
            "uptime_seconds",
            "Time since the Redis server started (the youngest master's on a Cluster)",
            RedisInfo::uptimeSeconds));
    families.add(
        gauge(
            read,
            "ops_per_second",
            "Commands the Redis server processes per second now (instantaneous_ops_per_sec)",
            RedisInfo::opsPerSecond));
    families.add(
        counter(
            read,
            "commands_processed",
            "Commands the Redis server processed since it started",
            RedisInfo::commandsProcessed));
    families.add(
        counter(
            read,
            "keyspace_hits",
            "Key lookups that found their key, since the Redis server started",
            RedisInfo::keyspaceHits));
    families.add(
        counter(
            read,
            "keyspace_misses",
            "Key lookups that found no key, since the Redis server started",
            RedisInfo::keyspaceMisses));
    families.add(
        gauge(
            read,
            "connected_clients",
            "Client connections to the Redis server",
            RedisInfo::connectedClients));
    families.add(
        gauge(
            read,
            "blocked_clients",
            "Clients waiting in a blocking command (BLMOVE...)",
            RedisInfo::blockedClients));
    if (keyCounts) {
      families.add(keys(counted));
    }
    return new MetricSnapshots(families);
  }

  /** The reading, or null when the server did not answer (logged when it starts failing). */
  private RedisInfo read(String name, RedisServer server) {
    try {
      RedisInfo info = server.info();
      failing.remove(name);
      return info;
    } catch (RuntimeException e) {
      if (failing.add(name)) {
        log.warn("/metrics: the {} Redis did not answer INFO: {}", name, e.toString());
      }
      return null;
    }
  }

  /** The server's keys by family; none when the count failed (INFO answered, so it is rare). */
  private static void countKeys(String name, RedisServer server, Map<String, KeyCounts> counted) {
    try {
      counted.put(name, server.keyCounts());
    } catch (RuntimeException e) {
      log.debug("/redis/metrics: the {} Redis's keys were not counted: {}", name, e.toString());
    }
  }

  private static GaugeSnapshot keys(Map<String, KeyCounts> counted) {
    GaugeSnapshot.Builder keys =
        GaugeSnapshot.builder()
            .name("docfleet_redis_keys")
            .help(
                "Keys of each family (RedisKeys.families, the pattern in the monitor's JSON),"
                    + " counted with SCAN at most every 30 s; other: the fleet's keys in none");
    counted.forEach(
        (name, counts) -> {
          for (KeyCounts.FamilyCount family : counts.byFamily()) {
            keys.dataPoint(
                gauge(Labels.of("family", family.name(), "redis", name), family.count()));
          }
          keys.dataPoint(gauge(Labels.of("family", "other", "redis", name), counts.other()));
        });
    return keys.build();
  }

  private static GaugeSnapshot gauge(
      Map<String, RedisInfo> read, String name, String help, ToDoubleFunction<RedisInfo> value) {
    GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name("docfleet_redis_" + name).help(help);
    read.forEach(
        (server, info) ->
            gauge.dataPoint(gauge(Labels.of("redis", server), value.applyAsDouble(info))));
    return gauge.build();
  }

  private static CounterSnapshot counter(
      Map<String, RedisInfo> read, String name, String help, ToDoubleFunction<RedisInfo> value) {
    CounterSnapshot.Builder counter =
        CounterSnapshot.builder().name("docfleet_redis_" + name).help(help);
    read.forEach(
        (server, info) ->
            counter.dataPoint(
                CounterDataPointSnapshot.builder()
                    .labels(Labels.of("redis", server))
                    .value(value.applyAsDouble(info))
                    .build()));
    return counter.build();
  }

  private static GaugeDataPointSnapshot gauge(Labels labels, double value) {
    return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
  }
}
