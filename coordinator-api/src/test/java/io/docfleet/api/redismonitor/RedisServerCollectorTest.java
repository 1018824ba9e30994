package io.docfleet.api.redismonitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.RedisKeys;
import io.docfleet.task.TaskCodec;
import io.docfleet.testing.PrometheusText;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestRedis;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.MultiCollector;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNode;
import org.redisson.api.redisnode.RedisNodes;

/**
 * The queue's and the cache's Redis at {@code /metrics} and {@code /redis/metrics}: the figures
 * {@code INFO} tells, the keys by family on the monitor's scrape, and a Redis that does not answer
 * shown as down, without its other series and without hiding the other Redis.
 */
class RedisServerCollectorTest {
  private final SettableClock clock = new SettableClock();

  private static PrometheusText scrape(MultiCollector collector) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try {
      registry.getPrometheusRegistry().register(collector);
      return PrometheusText.parse(registry.scrape());
    } finally {
      registry.close();
    }
  }

  private RedisServer server(String name, RedissonClient redis, String prefix) {
    return new RedisServer(
        name,
        new FleetContext(redis, new RedisKeys(prefix), new TaskCodec(new ObjectMapper()), clock));
  }

  private static Map<String, String> info(RedissonClient redis) {
    return redis.getRedisNodes(RedisNodes.SINGLE).getInstance().info(RedisNode.InfoSection.ALL);
  }

  @Test
  void showsWhatInfoSaysOfEachRedis() {
    RedissonClient redis = TestRedis.client();
    Map<String, String> info = info(redis);
    RedisServer server = server("queue", redis, TestRedis.uniquePrefix("collector"));

    PrometheusText metrics =
        scrape(RedisServerCollector.of(Map.of("queue", server, "cache", server)));

    for (String name : new String[] {"queue", "cache"}) {
      assertThat(metrics.value("docfleet_redis_up", "redis", name)).isEqualTo(1);
      assertThat(metrics.value("docfleet_redis_memory_used_bytes", "redis", name)).isPositive();
      assertThat(metrics.value("docfleet_redis_memory_peak_bytes", "redis", name)).isPositive();
      assertThat(metrics.value("docfleet_redis_memory_max_bytes", "redis", name))
          .isEqualTo(Double.parseDouble(info.get("maxmemory")));
      assertThat(metrics.value("docfleet_redis_evicted_keys_total", "redis", name))
          .isGreaterThanOrEqualTo(Double.parseDouble(info.get("evicted_keys")));
      assertThat(metrics.value("docfleet_redis_commands_processed_total", "redis", name))
          .isPositive();
      assertThat(metrics.value("docfleet_redis_connected_clients", "redis", name)).isPositive();
      assertThat(metrics.value("docfleet_redis_uptime_seconds", "redis", name))
          .isGreaterThanOrEqualTo(0);
      assertThat(metrics.find("docfleet_redis_ops_per_second", "redis", name)).isNotEmpty();
      assertThat(metrics.find("docfleet_redis_keyspace_hits_total", "redis", name)).isNotEmpty();
    }
    assertThat(metrics.type("docfleet_redis_evicted_keys_total")).contains("counter");
    assertThat(metrics.find("docfleet_redis_keys", "redis", "queue"))
        .as("the keys are counted on the monitor's scrape only")
        .isEmpty();
  }

  @Test
  void theMonitorsScrapeCountsTheKeysOfEachFamily() {
    String prefix = TestRedis.uniquePrefix("collector");
    RedissonClient redis = TestRedis.client();
    RedisKeys keys = new RedisKeys(prefix);
    try {
      redis.getList(keys.ready("ocr")).add("a");
      redis.getList(keys.ready("noop")).add("b");
      redis.getBucket(keys.reaperLock()).set("x");

      PrometheusText metrics =
          scrape(
              RedisServerCollector.withKeyCounts(Map.of("queue", server("queue", redis, prefix))));

      assertThat(metrics.value("docfleet_redis_keys", "redis", "queue", "family", "ready"))
          .isEqualTo(2);
      assertThat(metrics.value("docfleet_redis_keys", "redis", "queue", "family", "inFlight"))
          .isZero();
      assertThat(metrics.value("docfleet_redis_keys", "redis", "queue", "family", "other"))
          .isEqualTo(1);
    } finally {
      TestRedis.deleteKeys(redis, prefix);
    }
  }

  @Test
  void aRedisThatDoesNotAnswerIsDownAndHidesNothingElse() {
    RedissonClient gone = TestRedis.connect(TestRedis.url());
    gone.shutdown();

    PrometheusText metrics =
        scrape(
            RedisServerCollector.withKeyCounts(
                Map.of(
                    "queue", server("queue", TestRedis.client(), TestRedis.uniquePrefix("c")),
                    "cache", server("cache", gone, ""))));

    assertThat(metrics.value("docfleet_redis_up", "redis", "cache")).isZero();
    assertThat(metrics.find("docfleet_redis_memory_used_bytes", "redis", "cache")).isEmpty();
    assertThat(metrics.find("docfleet_redis_evicted_keys_total", "redis", "cache")).isEmpty();
    assertThat(metrics.find("docfleet_redis_keys", "redis", "cache")).isEmpty();
    assertThat(metrics.value("docfleet_redis_up", "redis", "queue")).isEqualTo(1);
    assertThat(metrics.value("docfleet_redis_memory_used_bytes", "redis", "queue")).isPositive();
  }
}
