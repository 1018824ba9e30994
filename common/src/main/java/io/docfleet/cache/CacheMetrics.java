package io.docfleet.cache;

import io.docfleet.loop.PeriodicLoop;
import io.docfleet.redis.RedisKeys;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Counts hits, misses, errors and timeouts in memory and adds them to {@code cache:metrics:<type>}
 * and {@code cache:metrics:total} in one round trip per flush, so counting costs a cache hit no
 * extra call. Counts a flush could not write are kept for the next one.
 *
 * <p>Lifecycle: {@link #start} flushes every interval (the loop {@code cache-metrics}); {@link
 * #close} stops it and flushes once more.
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

  private static final BatchOptions FLUSH_OPTIONS =
      BatchOptions.defaults().responseTimeout(2, TimeUnit.SECONDS).retryAttempts(0);

  private final RedissonClient redis;
  private final RedisKeys keys;
  private final Map<CacheType, LongAdder[]> counts = new EnumMap<>(CacheType.class);
  private final PeriodicLoop loop;

  CacheMetrics(RedissonClient redis, RedisKeys keys, Duration interval) {
    this.redis = redis;
    this.keys = keys;
    this.loop =
        PeriodicLoop.named("cache-metrics")
            .every(interval)
            .whileFailing("the counts are kept for the next flush")
            .build(this::write);
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
  boolean flush() {
    return loop.runOnce();
  }

  /** Counts failed flushes in {@code registry}. */
  void bindTo(MeterRegistry registry) {
    loop.bindTo(registry);
  }

  private synchronized void write() {
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
      return;
    }
    RBatch batch = redis.createBatch(FLUSH_OPTIONS);
    deltas.forEach((type, delta) -> add(batch, keys.cacheMetrics(type.wireName()), delta));
    add(batch, keys.cacheMetricsTotal(), total);
    try {
      batch.execute();
    } catch (RuntimeException e) {
      deltas.forEach(
          (type, delta) -> {
            for (int i = 0; i < delta.length; i++) {
              counts.get(type)[i].add(delta[i]);
            }
          });
      throw e;
    }
  }

  void start() {
    loop.start();
  }

  @Override
  public void close() {
    loop.close();
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
}
