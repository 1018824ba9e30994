package io.docfleet.pools;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToIntFunction;
import org.redisson.api.RedissonClient;

/**
 * The command connection pool of one Redis client, by the label its series carry ({@code queue},
 * {@code cache}): its use, and the gauges {@code docfleet_redis_pool_connections} (open, as
 * HikariCP's {@code hikaricp_connections}), {@code _active}, {@code _idle}, {@code _max} and {@code
 * _pending} by {@code pool}, read when scraped. (Not {@code _created}: Prometheus reserves that
 * suffix for the creation time of a counter, and its client drops it from a name.)
 */
public final class RedisPool implements ConnectionPool {
  /** The label of the queue's client. */
  public static final String QUEUE = "queue";

  /** The label of the cache's own client ({@code REDIS_CACHE_URL}). */
  public static final String CACHE = "cache";

  static final String METER = "docfleet.redis.pool.connections";

  private final String label;
  private final RedissonClient redis;

  public RedisPool(String label, RedissonClient redis) {
    this.label = label;
    this.redis = redis;
  }

  public String label() {
    return label;
  }

  @Override
  public PoolUse use() {
    return RedissonPools.read(redis, label);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    gauge(
        registry, "", "Connections the Redis pool holds open now (in use and idle)", PoolUse::open);
    gauge(registry, ".active", "Connections of the Redis pool in use now", PoolUse::active);
    gauge(registry, ".idle", "Connections of the Redis pool open and idle now", PoolUse::idle);
    gauge(
        registry,
        ".max",
        "The most connections the Redis pool may open (REDIS_POOL_SIZE per primary)",
        PoolUse::max);
    gauge(
        registry,
        ".pending",
        "Commands waiting for a connection of the Redis pool (it is exhausted while above 0)",
        PoolUse::pending);
  }

  private void gauge(
      MeterRegistry registry, String suffix, String description, ToIntFunction<PoolUse> field) {
    Gauge.builder(METER + suffix, this, pool -> field.applyAsInt(pool.use()))
        .tag("pool", label)
        .description(description)
        .strongReference(true)
        .register(registry);
  }
}
