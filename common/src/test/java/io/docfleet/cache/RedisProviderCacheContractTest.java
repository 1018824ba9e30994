package io.docfleet.cache;

import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestRedis;

class RedisProviderCacheContractTest extends ProviderCacheContractTest {
  private final String prefix = TestRedis.uniquePrefix("cache-contract");

  @Override
  protected ProviderCache newCache() {
    return new RedisProviderCache(
        TestRedis.context(prefix, new SettableClock()), CacheFixtures.settings());
  }

  @Override
  protected void cleanUp() {
    TestRedis.deleteKeys(TestRedis.client(), prefix);
  }
}
