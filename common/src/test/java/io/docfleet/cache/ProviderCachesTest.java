package io.docfleet.cache;

import static io.docfleet.cache.CacheFixtures.entitiesKeyOf;
import static io.docfleet.cache.CacheFixtures.keysUnder;
import static io.docfleet.cache.CacheFixtures.ocrKeyOf;
import static io.docfleet.cache.CacheFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.cache.CacheFixtures.ProviderCall;
import io.docfleet.localservers.LocalRedis;
import io.docfleet.pools.RedisPool;
import io.docfleet.redis.FleetContext;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RedissonClient;

/** The switch and the instance: which cache {@link ProviderCaches#open} gives, and where. */
class ProviderCachesTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("cache-open");

  private final String prefix = redis.prefix();
  private final FleetContext fleet = redis.context(new SettableClock());

  /** Everything the pipeline does with a cache for one document; returns the provider calls. */
  private static int aFullRound(ProviderCache cache) throws Exception {
    ProviderCall provider = new ProviderCall("p");
    for (int run = 0; run < 2; run++) {
      assertThat(cache.getOrCompute(ocrKeyOf("scan"), CachePointer.document("d1"), provider))
          .isEqualTo(provider.answer());
      CacheLookup chunk = new CacheLookup(entitiesKeyOf("c1 text"), CachePointer.chunk("d1", "c1"));
      if (cache.getAll(List.of(chunk)).isEmpty()) {
        cache.putAll(List.of(new CacheEntry(chunk.key(), chunk.pointer(), provider.call())));
      }
      cache.existing(List.of(chunk.key()));
    }
    cache.invalidate("d1");
    return provider.calls();
  }

  @Test
  void withOptimizationOffNoCacheKeyIsReadOrWrittenAndCallersGetTheirResults() throws Exception {
    try (ProviderCache cache =
        ProviderCaches.open(settings("REDIS_ENABLE_OPTIMIZATION", "false"), fleet, "test")) {
      assertThat(cache).isInstanceOf(DisabledProviderCache.class);
      assertThat(aFullRound(cache)).isEqualTo(4);
    }
    assertThat(keysUnder(fleet.redis(), prefix)).isEmpty();
  }

  @Test
  void withOptimizationOnTheSameRoundPaysHalf() throws Exception {
    try (ProviderCache cache = ProviderCaches.open(CacheFixtures.settings(), fleet, "test")) {
      assertThat(cache).isInstanceOf(RedisProviderCache.class);
      assertThat(aFullRound(cache)).isEqualTo(2);
      assertThat(cache.pools()).as("the fleet's client is not the cache's to watch").isEmpty();
    }
    assertThat(keysUnder(fleet.redis(), prefix)).isNotEmpty(); // metrics, written on close
  }

  @Test
  void aCacheUrlGivesTheCacheItsOwnInstance() throws Exception {
    try (LocalRedis own = LocalRedis.startPrivate()) {
      CacheSettings settings = settings("REDIS_CACHE_URL", own.url());
      try (ProviderCache cache = ProviderCaches.open(settings, fleet, "test")) {
        aFullRound(cache);
        cache.getOrCompute(ocrKeyOf("kept"), CachePointer.document("d2"), () -> "kept");
        assertThat(cache.pools())
            .as("its own client's pool, watched with the process's")
            .singleElement()
            .extracting(pool -> pool.use().name())
            .isEqualTo(RedisPool.CACHE);
      }
      assertThat(keysUnder(fleet.redis(), prefix)).isEmpty();
      RedissonClient ownClient = TestRedis.connect(own.url());
      try {
        assertThat(keysUnder(ownClient, prefix))
            .contains(fleet.keys().documentPointer("ocr", "d2"), fleet.keys().cacheMetricsTotal());
      } finally {
        ownClient.shutdown();
      }
      assertThat(fleet.redis().isShutdown()).isFalse();
    }
  }

  @Test
  void withoutACacheUrlTheCacheSharesTheFleetsRedis() {
    assertThat(ProviderCaches.cacheContext(CacheFixtures.settings(), fleet, "test"))
        .isSameAs(fleet);
  }
}
