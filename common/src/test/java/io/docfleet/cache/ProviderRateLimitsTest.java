package io.docfleet.cache;

import static io.docfleet.cache.CacheFixtures.keysUnder;
import static io.docfleet.cache.CacheFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.localservers.LocalRedis;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.RedisKeys;
import io.docfleet.task.TaskCodec;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.SlowTest;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RedissonClient;

@SlowTest
class ProviderRateLimitsTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("cache-rate");

  private final String prefix = redis.prefix();
  private final FleetContext fleet = redis.context(new SettableClock());

  private ProviderRateLimits limits(String... variables) {
    return new ProviderRateLimits(fleet, settings(variables));
  }

  @Test
  void aCallerOverTheLimitIsToldToWaitNotFailed() {
    ProviderRateLimits limits = limits("RATE_LIMIT_OPENAI_CHAT", "2/1h");

    assertThat(limits.tryAcquire(Provider.OPENAI, "chat").mayGo()).isTrue();
    assertThat(limits.tryAcquire(Provider.OPENAI, "chat").mayGo()).isTrue();
    RateDecision third = limits.tryAcquire(Provider.OPENAI, "chat");

    assertThat(third).isEqualTo(new RateDecision.Wait(Duration.ofMinutes(30)));
    assertThat(third.mayGo()).isFalse();
    assertThat(keysUnder(fleet.redis(), prefix)).contains(fleet.keys().rateLimit("openai", "chat"));
  }

  @Test
  void theLimitIsSharedByTheFleetAndARaisedRateApplies() {
    limits("RATE_LIMIT_TEXTRACT_DETECT", "1/1h").tryAcquire(Provider.TEXTRACT, "detect");
    ProviderRateLimits otherWorker = limits("RATE_LIMIT_TEXTRACT_DETECT", "1/1h");
    assertThat(otherWorker.tryAcquire(Provider.TEXTRACT, "detect").mayGo()).isFalse();

    ProviderRateLimits raised = limits("RATE_LIMIT_TEXTRACT_DETECT", "2/1h");
    assertThat(raised.tryAcquire(Provider.TEXTRACT, "DETECT").mayGo()).isTrue();
    assertThat(raised.tryAcquire(Provider.TEXTRACT, "detect").mayGo()).isFalse();
  }

  @Test
  void unsetOrZeroMeansUnlimitedWithoutAskingRedis() {
    ProviderRateLimits limits = limits("RATE_LIMIT_OPENAI_CHAT", "0");
    for (int i = 0; i < 10; i++) {
      assertThat(limits.tryAcquire(Provider.OPENAI, "chat")).isEqualTo(RateDecision.go());
      assertThat(limits.tryAcquire(Provider.TEXTRACT, "analyze").mayGo()).isTrue();
    }
    assertThat(keysUnder(fleet.redis(), prefix)).isEmpty();
  }

  @Test
  void acquireWaitsBoundedlyForAPermit() {
    ProviderRateLimits limits = limits("RATE_LIMIT_OPENAI_EMBEDDINGS", "1/1h");
    assertThat(limits.acquire(Provider.OPENAI, "embeddings", Duration.ofMillis(50)).mayGo())
        .isTrue();
    assertThat(limits.acquire(Provider.OPENAI, "embeddings", Duration.ofMillis(50)))
        .isInstanceOf(RateDecision.Wait.class);
  }

  @Test
  void whenRedisIsGoneCallsGoAndTheProviderPacesThem() {
    try (LocalRedis server = LocalRedis.startPrivate()) {
      RedissonClient client = TestRedis.connect(server.url());
      try {
        FleetContext gone =
            new FleetContext(client, new RedisKeys(prefix), new TaskCodec(), new SettableClock());
        ProviderRateLimits limits =
            new ProviderRateLimits(
                gone, settings("RATE_LIMIT_OPENAI_CHAT", "1/1h", "CACHE_TIMEOUT", "2s"));
        assertThat(limits.tryAcquire(Provider.OPENAI, "chat").mayGo()).isTrue();
        assertThat(limits.tryAcquire(Provider.OPENAI, "chat").mayGo()).isFalse();
        server.stop(true);
        assertThat(limits.tryAcquire(Provider.OPENAI, "chat").mayGo()).isTrue();
        assertThat(limits.tryAcquire(Provider.OPENAI, "chat").mayGo()).isTrue();
        server.start();
        org.awaitility.Awaitility.await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> limits.tryAcquire(Provider.OPENAI, "chat").mayGo() == false);
      } finally {
        client.shutdown();
      }
    }
  }
}
