package io.docfleet.cache;

import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisProviderCacheContractTest extends ProviderCacheContractTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("cache-contract");

  @Override
  protected ProviderCache newCache() {
    return new RedisProviderCache(redis.context(new SettableClock()), CacheFixtures.settings());
  }
}
