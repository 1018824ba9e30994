package io.docfleet.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.testing.PrometheusText;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestRedis;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNode;
import org.redisson.api.redisnode.RedisNodes;

/**
 * The queue's and the cache's Redis at {@code /metrics}: memory and evictions as {@code INFO} tells
 * them, and a Redis that does not answer shown as down, without its other series and without hiding
 * the other Redis.
 */
class RedisServerCollectorTest {
  private final SettableClock clock = new SettableClock();

  private static PrometheusText scrape(RedisServerCollector collector) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try {
      registry.getPrometheusRegistry().register(collector);
      return PrometheusText.parse(registry.scrape());
    } finally {
      registry.close();
    }
  }

  private static Map<String, String> info(RedissonClient redis) {
    return redis.getRedisNodes(RedisNodes.SINGLE).getInstance().info(RedisNode.InfoSection.ALL);
  }

  @Test
  void showsWhatInfoSaysOfEachRedis() {
    RedissonClient redis = TestRedis.client();
    Map<String, String> info = info(redis);

    PrometheusText metrics =
        scrape(
            new RedisServerCollector(
                Map.of("queue", redis, "cache", redis), clock, Duration.ofSeconds(1)));

    for (String name : new String[] {"queue", "cache"}) {
      assertThat(metrics.value("docfleet_redis_up", "redis", name)).isEqualTo(1);
      assertThat(metrics.value("docfleet_redis_memory_used_bytes", "redis", name)).isPositive();
      assertThat(metrics.value("docfleet_redis_memory_max_bytes", "redis", name))
          .isEqualTo(Double.parseDouble(info.get("maxmemory")));
      assertThat(metrics.value("docfleet_redis_evicted_keys_total", "redis", name))
          .isGreaterThanOrEqualTo(Double.parseDouble(info.get("evicted_keys")));
    }
    assertThat(metrics.type("docfleet_redis_evicted_keys_total")).contains("counter");
  }

  @Test
  void aRedisThatDoesNotAnswerIsDownAndHidesNothingElse() {
    RedissonClient gone = TestRedis.connect(TestRedis.url());
    gone.shutdown();

    PrometheusText metrics =
        scrape(
            new RedisServerCollector(
                Map.of("queue", TestRedis.client(), "cache", gone), clock, Duration.ofSeconds(1)));

    assertThat(metrics.value("docfleet_redis_up", "redis", "cache")).isZero();
    assertThat(metrics.find("docfleet_redis_memory_used_bytes", "redis", "cache")).isEmpty();
    assertThat(metrics.find("docfleet_redis_evicted_keys_total", "redis", "cache")).isEmpty();
    assertThat(metrics.value("docfleet_redis_up", "redis", "queue")).isEqualTo(1);
    assertThat(metrics.value("docfleet_redis_memory_used_bytes", "redis", "queue")).isPositive();
  }
}
