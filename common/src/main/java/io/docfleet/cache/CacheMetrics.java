package io.docfleet.cache;

import io.docfleet.redis.RedisKeys;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts hits, misses, errors and timeouts in memory and adds them to {@code cache:metrics:<type>}
 * and {@code cache:metrics:total} in one round trip per flush, so counting costs a cache hit no
 * extra call. Counts a flush could not write are kept for the next one.
 *
 * <p>Lifecycle: {@link #start} flushes on a timer; {@link #close} stops it and flushes once more.
 */
final class CacheMetrics implements AutoCloseable {
  /** The counters, as named in the hashes. */
  enum Field {
    HITS("hits"),
    MISSES("misses"),
    ERRORS("errors"),
    TIMEOUTS("timeouts"),
    LOCK_TIMEOUTS("lock_timeouts");

    final String hashField;

    Field(String hashField) {
      this.hashField = hashField;
    }
  }

  private static final Logger log = LoggerFactory.getLogger(CacheMetrics.class);
  private static final BatchOptions FLUSH_OPTIONS =
      BatchOptions.defaults().responseTimeout(2, TimeUnit.SECONDS).retryAttempts(0);

  private final RedissonClient redis;
  private final RedisKeys keys;
  private final Map<CacheType, LongAdder[]> counts = new EnumMap<>(CacheType.class);
  private ScheduledExecutorService timer;

  CacheMetrics(RedissonClient redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
    for (CacheType type : CacheType.values()) {
      LongAdder[] adders = new LongAdder[Field.values().length];
      for (int i = 0; i < adders.length; i++) {
        adders[i] = new LongAdder();
      }
      counts.put(type, adders);
    }
  }

  void count(CacheType type, Field field) {
    counts.get(type)[field.ordinal()].increment();
  }

  void count(Collection<CacheType> types, Field field) {
    types.forEach(type -> count(type, field));
  }

  /** Writes the counts since the last flush; false (keeping them) when Redis did not take them. */
  synchronized boolean flush() {
    Map<CacheType, long[]> deltas = new EnumMap<>(CacheType.class);
    long[] total = new long[Field.values().length];
    counts.forEach(
        (type, adders) -> {
          long[] delta = new long[adders.length];
          for (int i = 0; i < adders.length; i++) {
            delta[i] = adders[i].sumThenReset();
            total[i] += delta[i];
          }
          deltas.put(type, delta);
        });
    if (isZero(total)) {
      return true;
    }
    RBatch batch = redis.createBatch(FLUSH_OPTIONS);
    deltas.forEach((type, delta) -> add(batch, keys.cacheMetrics(type.wireName()), delta));
    add(batch, keys.cacheMetricsTotal(), total);
    try {
      batch.execute();
      return true;
    } catch (RuntimeException e) {
      deltas.forEach(
          (type, delta) -> {
            for (int i = 0; i < delta.length; i++) {
              counts.get(type)[i].add(delta[i]);
            }
          });
      log.debug("cache metrics not written ({}); kept for the next flush", e.toString());
      return false;
    }
  }

  synchronized void start(Duration interval) {
    if (timer != null) {
      return;
    }
    timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "cache-metrics"));
    timer.scheduleWithFixedDelay(
        this::flush, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
    flush();
  }

  private static void add(RBatch batch, String key, long[] delta) {
    for (Field field : Field.values()) {
      if (delta[field.ordinal()] != 0) {
        batch
            .<String, Long>getMap(key, StringCodec.INSTANCE)
            .addAndGetAsync(field.hashField, delta[field.ordinal()]);
      }
    }
  }

  private static boolean isZero(long[] values) {
    for (long value : values) {
      if (value != 0) {
        return false;
      }
    }
    return true;
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }
}
