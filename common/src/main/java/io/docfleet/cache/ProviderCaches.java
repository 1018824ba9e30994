package io.docfleet.cache;

import io.docfleet.redis.FleetContext;
import io.docfleet.redis.RedisConnector;

/** Opens the provider cache that {@link CacheSettings} ask for. */
public final class ProviderCaches {
  private ProviderCaches() {}

  /**
   * The cache the settings ask for, started: the disabled one when {@code
   * REDIS_ENABLE_OPTIMIZATION=false} (it connects to nothing), else the Redis one, on its own
   * client when {@code REDIS_CACHE_URL} is set (closed with the cache), else on the fleet's.
   */
  public static ProviderCache open(CacheSettings settings, FleetContext fleet, String clientName) {
    if (!settings.enabled()) {
      return new DisabledProviderCache();
    }
    FleetContext cacheFleet = cacheContext(settings, fleet, clientName);
    return new RedisProviderCache(cacheFleet, settings, cacheFleet.redis() != fleet.redis())
        .start();
  }

  /**
   * The Redis the cache lives on, with the fleet's key names and clock: a new client (named {@code
   * <clientName>-cache}; the caller shuts it down) when {@code REDIS_CACHE_URL} is set, else the
   * fleet's. For the coordinator's {@link CacheInspector} and {@link CacheJanitor}.
   */
  public static FleetContext cacheContext(
      CacheSettings settings, FleetContext fleet, String clientName) {
    return settings
        .ownRedis()
        .map(
            redis ->
                new FleetContext(
                    RedisConnector.connect(redis, clientName + "-cache"),
                    fleet.keys(),
                    fleet.codec(),
                    fleet.clock()))
        .orElse(fleet);
  }
}
