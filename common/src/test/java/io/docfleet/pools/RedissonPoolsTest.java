package io.docfleet.pools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.docfleet.config.Env;
import io.docfleet.config.RedisSettings;
import io.docfleet.redis.RedisConnector;
import io.docfleet.redis.RedisKeys;
import io.docfleet.testing.TestRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/**
 * What {@link RedissonPools} reads from Redisson's internals means what it says: connections held
 * by blocking commands count as active, a command waiting for one as pending. Redisson has no
 * public pool statistics, so this test is what fails (to compile, or here) when an upgrade changes
 * them.
 */
class RedissonPoolsTest {
  private RedissonClient redis;
  private String list;

  @BeforeEach
  void connect() {
    redis =
        RedisConnector.connect(
            RedisSettings.fromEnv(
                new Env(
                    Map.of(
                        "REDIS_URL", TestRedis.url(),
                        "REDIS_POOL_SIZE", "2",
                        "REDIS_POOL_MIN_IDLE", "1"))),
            "docfleet-test-pools");
    list = new RedisKeys(TestRedis.uniquePrefix("pools")).ready("empty");
  }

  @AfterEach
  void shutdown() {
    redis.shutdown();
  }

  @Test
  void aQuietPoolHasItsMinimumOpenAndNothingInUse() {
    PoolUse use = new RedisPool(RedisPool.QUEUE, redis).use();

    assertThat(use.title()).isEqualTo("Redis queue");
    assertThat(use.name()).isEqualTo("queue");
    assertThat(use.sizeVariable()).isEqualTo("REDIS_POOL_SIZE");
    assertThat(use.max()).isEqualTo(2);
    assertThat(use.open()).isBetween(1, 2);
    assertThat(use.idle()).isEqualTo(use.open());
    assertThat(use.active()).isZero();
    assertThat(use.pending()).isZero();
    assertThat(use.busy()).isFalse();
  }

  @Test
  void blockingCommandsHoldConnectionsAndAThirdWaitsForOne() {
    RedisPool pool = new RedisPool(RedisPool.QUEUE, redis);
    List<CompletableFuture<Object>> polls = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      polls.add(redis.getBlockingQueue(list).pollAsync(2, TimeUnit.SECONDS).toCompletableFuture());
    }

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> pool.use().active() == 2 && pool.use().pending() == 1);
    PoolUse exhausted = pool.use();
    assertThat(exhausted.open()).isEqualTo(2);
    assertThat(exhausted.idle()).isZero();
    assertThat(exhausted.busy()).isTrue();

    CompletableFuture.allOf(polls.toArray(CompletableFuture[]::new)).join();
    await().atMost(Duration.ofSeconds(10)).until(() -> pool.use().active() == 0);
    assertThat(pool.use().pending()).isZero();
  }

  @Test
  void itsGaugesCarryThePoolsLabel() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new RedisPool(RedisPool.CACHE, redis).bindTo(registry);

    assertThat(gauge(registry, ".max")).isEqualTo(2);
    assertThat(gauge(registry, ".active")).isZero();
    assertThat(gauge(registry, ".pending")).isZero();
    assertThat(gauge(registry, "")).isEqualTo(gauge(registry, ".idle")).isPositive();
  }

  private static double gauge(SimpleMeterRegistry registry, String suffix) {
    return registry.get(RedisPool.METER + suffix).tag("pool", "cache").gauge().value();
  }
}
