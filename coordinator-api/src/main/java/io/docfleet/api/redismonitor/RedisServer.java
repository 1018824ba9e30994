package io.docfleet.api.redismonitor;

import io.docfleet.pools.RedisPool;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.RedisKeys;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RedissonClient;
import org.redisson.client.protocol.RedisCommands;
import org.redisson.connection.MasterSlaveEntry;

/**
 * The one reader of one Redis's figures (the queue's, or the cache's own), which the health report,
 * {@code /metrics}, the dashboard's feed and the Redis monitor all ask: {@code PING} of every
 * master, {@code INFO} of every master (kept {@link #INFO_MAX_AGE}), {@code CLIENT LIST} counted by
 * client name (which {@code RedisConnector} sets for each fleet member: {@code
 * docfleet-worker-<id>}, {@code docfleet-coordinator}...), the keys by family ({@link KeyCensus},
 * kept {@link #KEY_COUNTS_MAX_AGE}), the slow log, and this process's connection pool to it. A
 * reading that fails throws; callers turn that into an {@link Outcome}.
 */
public final class RedisServer {
  public static final String UNNAMED = "(unnamed)";

  /** How long one {@code INFO} reading answers every reader. */
  public static final Duration INFO_MAX_AGE = Duration.ofSeconds(1);

  /** How long one count of the keys answers every reader. */
  public static final Duration KEY_COUNTS_MAX_AGE = Duration.ofSeconds(30);

  private final String name;
  private final RedissonClient redis;
  private final RedisPool pool;
  private final CachedReading<RedisInfo> info;
  private final CachedReading<KeyCounts> keyCounts;

  /** The Redis of {@code fleet}, named {@code queue} or {@code cache} (the label of its series). */
  public RedisServer(String name, FleetContext fleet) {
    this(name, fleet, new KeyCensus(fleet.clock()));
  }

  RedisServer(String name, FleetContext fleet, KeyCensus census) {
    this.name = name;
    this.redis = fleet.redis();
    this.pool = new RedisPool(name, redis);
    Clock clock = fleet.clock();
    RedisKeys keys = fleet.keys();
    this.info = new CachedReading<>(unchecked(this::readInfo), clock, INFO_MAX_AGE);
    this.keyCounts =
        new CachedReading<>(unchecked(() -> census.take(redis, keys)), clock, KEY_COUNTS_MAX_AGE);
  }

  public String name() {
    return name;
  }

  /** This process's connection pool to the server. */
  public RedisPool pool() {
    return pool;
  }

  /**
   * Completes when every master answered PING within {@value Masters#WAIT_SECONDS} s; fails with
   * the first that did not.
   */
  public CompletableFuture<Void> ping() {
    List<CompletableFuture<Object>> pings = new ArrayList<>();
    try {
      Masters masters = Masters.of(redis);
      for (MasterSlaveEntry master : masters.list()) {
        pings.add(masters.send(master, RedisCommands.PING));
      }
    } catch (RuntimeException e) { // no master known: the sentinels or the cluster do not answer
      return CompletableFuture.failedFuture(e);
    }
    return CompletableFuture.allOf(pings.toArray(CompletableFuture[]::new))
        .orTimeout(Masters.WAIT_SECONDS, TimeUnit.SECONDS);
  }

  /** {@code INFO} of every master as one server's figures, read at most every second. */
  public RedisInfo info() {
    return info.get();
  }

  /** The keys by family, counted at most every {@link #KEY_COUNTS_MAX_AGE}. */
  public KeyCounts keyCounts() {
    return keyCounts.get();
  }

  /** The newest commands of the slow log, without their values ({@link SlowEntry}). */
  public List<SlowEntry> slowLog() throws Exception {
    return SlowLog.read(redis);
  }

  /** One look at the server: PING, then its figures, masters, clients and keys. */
  public RedisReading read() throws Exception {
    long start = System.nanoTime();
    Masters.await(ping(), Masters.WAIT_SECONDS + 1);
    double pingMillis = (System.nanoTime() - start) / 1e6;
    return new RedisReading(
        pingMillis, info(), Masters.of(redis).list().size(), connectionsByName(), keyCounts());
  }

  private RedisInfo readInfo() throws Exception {
    return RedisInfo.of(
        Masters.of(redis)
            .<Map<String, String>, Map<String, String>>each(RedisCommands.INFO_DEFAULT));
  }

  /** Connections per client name over every master; empty when CLIENT LIST is not allowed. */
  private Map<String, Integer> connectionsByName() {
    Map<String, Integer> byName = new TreeMap<>();
    try {
      for (List<String> lines :
          Masters.of(redis).<List<String>, List<String>>each(RedisCommands.CLIENT_LIST)) {
        for (String line : lines) {
          byName.merge(clientName(line), 1, Integer::sum);
        }
      }
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      byName.clear();
    }
    return byName;
  }

  /** The {@code name=} of one CLIENT LIST line. */
  static String clientName(String line) {
    for (String field : line.trim().split(" ")) {
      if (field.startsWith("name=")) {
        String name = field.substring("name=".length());
        return name.isEmpty() ? UNNAMED : name;
      }
    }
    return UNNAMED;
  }

  /** A reading that may throw, as the supplier a {@link CachedReading} takes. */
  private static <T> java.util.function.Supplier<T> unchecked(Outcome.Look<T> look) {
    return () -> {
      try {
        return look.run();
      } catch (RuntimeException e) {
        throw e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } catch (Exception e) {
        throw new java.util.concurrent.CompletionException(e); // Outcome unwraps it
      }
    };
  }
}
