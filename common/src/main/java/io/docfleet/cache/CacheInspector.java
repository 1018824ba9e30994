package io.docfleet.cache;

import io.docfleet.redis.FleetContext;
import java.math.BigDecimal;
import java.util.Map;
import org.redisson.client.codec.StringCodec;

/** Reads the cache's metrics for the coordinator and operators; changes nothing. */
public final class CacheInspector {
  private final FleetContext fleet;

  /** An inspector on the cache's Redis ({@link ProviderCaches#cacheContext}). */
  public CacheInspector(FleetContext fleet) {
    this.fleet = fleet;
  }

  /** The counters of one cache type, from {@code cache:metrics:<type>}. */
  public CacheMetricsSnapshot metrics(CacheType type) {
    return read(type.wireName(), fleet.keys().cacheMetrics(type.wireName()));
  }

  /** The counters of every type together, from {@code cache:metrics:total}. */
  public CacheMetricsSnapshot total() {
    return read("total", fleet.keys().cacheMetricsTotal());
  }

  private CacheMetricsSnapshot read(String scope, String key) {
    Map<String, String> fields =
        fleet.redis().<String, String>getMap(key, StringCodec.INSTANCE).readAllMap();
    return new CacheMetricsSnapshot(
        scope,
        number(fields, "hits"),
        number(fields, "misses"),
        number(fields, "errors"),
        number(fields, "timeouts"),
        number(fields, "lock_timeouts"));
  }

  /** A counter; HINCRBYFLOAT writes whole numbers without a fraction, but read them leniently. */
  private static long number(Map<String, String> fields, String field) {
    String value = fields.get(field);
    return value == null ? 0 : new BigDecimal(value).longValue();
  }
}
