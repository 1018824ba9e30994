package io.docfleet.api.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.protocol.RedisCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The memory and evictions of the queue's Redis and the cache's, by {@code redis} ({@code queue},
 * {@code cache}; the same server under both names when the cache has no Redis of its own), read
 * from {@code INFO} of every master when scraped, through a {@link CachedReading} each: a Redis
 * that does not answer leaves its {@code docfleet_redis_up} at 0 and its other series out, and
 * touches nothing else of the scrape.
 */
final class RedisServerCollector implements MultiCollector {
  private static final Logger log = LoggerFactory.getLogger(RedisServerCollector.class);
  private static final long INFO_TIMEOUT_SECONDS = 2;

  private final Map<String, CachedReading<RedisMemory>> servers = new TreeMap<>();
  private final Set<String> failing = ConcurrentHashMap.newKeySet();

  /**
   * Reads each of {@code servers} (by the name its series carry) once per {@code maxAge} at most.
   */
  RedisServerCollector(Map<String, RedissonClient> servers, Clock clock, Duration maxAge) {
    servers.forEach(
        (name, redis) ->
            this.servers.put(
                name,
                new CachedReading<>(() -> RedisMemory.of(infoOfMasters(redis)), clock, maxAge)));
  }

  @Override
  public MetricSnapshots collect() {
    GaugeSnapshot.Builder up =
        GaugeSnapshot.builder()
            .name("docfleet_redis_up")
            .help("1 when this scrape read the Redis server's INFO, else 0");
    GaugeSnapshot.Builder used =
        GaugeSnapshot.builder()
            .name("docfleet_redis_memory_used_bytes")
            .help("Memory the Redis server uses (used_memory)");
    GaugeSnapshot.Builder max =
        GaugeSnapshot.builder()
            .name("docfleet_redis_memory_max_bytes")
            .help("The Redis server's maxmemory; 0 when it has no limit");
    CounterSnapshot.Builder evicted =
        CounterSnapshot.builder()
            .name("docfleet_redis_evicted_keys")
            .help("Keys the Redis server evicted to stay within maxmemory, since it started");
    servers.forEach(
        (name, reading) -> {
          Labels labels = Labels.of("redis", name);
          RedisMemory memory = read(name, reading);
          up.dataPoint(gauge(labels, memory == null ? 0 : 1));
          if (memory != null) {
            used.dataPoint(gauge(labels, memory.usedBytes()));
            max.dataPoint(gauge(labels, memory.maxBytes()));
            evicted.dataPoint(
                CounterDataPointSnapshot.builder()
                    .labels(labels)
                    .value(memory.evictedKeys())
                    .build());
          }
        });
    return new MetricSnapshots(up.build(), used.build(), max.build(), evicted.build());
  }

  /** The reading, or null when the server did not answer (logged when it starts failing). */
  private RedisMemory read(String name, CachedReading<RedisMemory> reading) {
    try {
      RedisMemory memory = reading.get();
      failing.remove(name);
      return memory;
    } catch (RuntimeException e) {
      if (failing.add(name)) {
        log.warn("/metrics: the {} Redis did not answer INFO: {}", name, e.toString());
      }
      return null;
    }
  }

  /** {@code INFO} of every master, each within {@value #INFO_TIMEOUT_SECONDS} s. */
  private static List<Map<String, String>> infoOfMasters(RedissonClient redis) {
    if (!(redis instanceof Redisson redisson)) {
      throw new IllegalStateException("INFO needs Redisson's own client");
    }
    List<CompletableFuture<Map<String, String>>> replies =
        redisson.getCommandExecutor().executeAllAsync(RedisCommands.INFO_DEFAULT);
    List<Map<String, String>> infos = new ArrayList<>(replies.size());
    try {
      for (CompletableFuture<Map<String, String>> reply : replies) {
        infos.add(reply.get(INFO_TIMEOUT_SECONDS, TimeUnit.SECONDS));
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("INFO failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading INFO", e);
    }
    return infos;
  }

  private static GaugeDataPointSnapshot gauge(Labels labels, double value) {
    return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
  }
}
