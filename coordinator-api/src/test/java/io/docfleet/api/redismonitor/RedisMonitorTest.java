package io.docfleet.api.redismonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.docfleet.api.ApiServer;
import io.docfleet.api.TestCoordinator;
import io.docfleet.api.TestCoordinator.Answer;
import io.docfleet.config.ConfigException;
import io.docfleet.testing.PrometheusText;
import io.docfleet.testing.TestRedis;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A coordinator with {@code REDIS_MONITOR_ENABLED=true} (and read auth on) serves the Redis monitor
 * on a port of its own: both Redis as JSON, with key counts by pattern and the slow log, and in the
 * Prometheus text format; behind the API's token; and a second coordinator whose monitor port is
 * taken does not start, naming {@code REDIS_MONITOR_PORT}.
 */
class RedisMonitorTest {
  @RegisterExtension
  static final TestCoordinator api =
      TestCoordinator.withEnv(
          Map.of("REDIS_MONITOR_ENABLED", "true", "COORDINATOR_READ_AUTH", "true"));

  @BeforeEach
  void twoReadyListsCountedAfresh() {
    api.reset();
    api.fleet().redis().getList(api.fleet().keys().ready("ocr")).add("t1");
    api.fleet().redis().getList(api.fleet().keys().ready("noop")).add("t2");
    api.clock().advance(RedisServer.KEY_COUNTS_MAX_AGE);
  }

  private static long count(JsonNode section, String family) {
    for (JsonNode counted : section.at("/keys/byPattern")) {
      if (counted.get("name").asText().equals(family)) {
        return counted.get("count").asLong();
      }
    }
    throw new AssertionError("no family " + family + " in " + section);
  }

  @Test
  void servesBothRedisAsJsonWithKeysByPatternAndTheSlowLog() {
    Answer answer =
        api.redisMonitor(RedisMonitorRoutes.JSON_PATH).token(TestCoordinator.TOKEN).send();

    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    JsonNode queue = answer.json().get("queue");
    assertThat(queue.get("status").asText()).isEqualTo("ok");
    assertThat(queue.get("version").asText()).isNotBlank();
    assertThat(queue.get("uptimeSeconds").asLong()).isPositive();
    assertThat(queue.at("/memory/peakBytes").asLong()).isPositive();
    assertThat(queue.get("opsPerSecond").isNumber()).isTrue();
    assertThat(queue.has("keyspaceHitRate")).isTrue();
    assertThat(queue.get("evictedKeys").isNumber()).isTrue();
    assertThat(queue.at("/clients/connected").asLong()).isPositive();
    assertThat(queue.at("/pool/name").asText()).isEqualTo("queue");
    assertThat(count(queue, "ready")).isEqualTo(2);
    assertThat(queue.at("/keys/byPattern/0/pattern").asText())
        .isEqualTo(api.fleet().keys().families().get(0).pattern());
    assertThat(queue.at("/keys/complete").asBoolean()).isTrue();
    assertThat(queue.at("/slowLog/error").isNull()).isTrue();
    assertThat(queue.at("/slowLog/entries").isArray()).isTrue();
    JsonNode cache = answer.json().get("cache");
    assertThat(cache.get("sharedWithQueue").asBoolean()).isTrue();
    assertThat(cache.get("enabled").asBoolean()).isTrue();
    assertThat(count(cache, "ready")).isEqualTo(2);
    assertThat(answer.text())
        .as("no address of a server or a client")
        .doesNotContain(TestRedis.url().substring("redis://".length()))
        .doesNotContain("addr=");
  }

  @Test
  void servesTheFiguresKeysAndPoolsInThePrometheusFormat() {
    Answer answer =
        api.redisMonitor(RedisMonitorRoutes.METRICS_PATH).token(TestCoordinator.TOKEN).send();

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("Content-Type")).startsWith("text/plain; version=0.0.4");
    PrometheusText metrics = PrometheusText.parse(answer.text());
    assertThat(metrics.value("docfleet_redis_up", "redis", "queue")).isEqualTo(1);
    assertThat(metrics.value("docfleet_redis_keys", "redis", "queue", "family", "ready"))
        .isEqualTo(2);
    assertThat(metrics.value("docfleet_redis_keys", "redis", "cache", "family", "ready"))
        .as("the same server under both names")
        .isEqualTo(2);
    assertThat(metrics.value("docfleet_redis_pool_connections_max", "pool", "queue")).isEqualTo(64);
  }

  @Test
  void theMonitorIsBehindTheApisTokenAndServesNothingElse() {
    Answer open = api.redisMonitor(RedisMonitorRoutes.JSON_PATH).send();
    Answer elsewhere = api.redisMonitor("/api/v1/queues").token(TestCoordinator.TOKEN).send();

    assertThat(open.status()).isEqualTo(401);
    assertThat(open.json().get("field").asText()).isEqualTo("Authorization");
    assertThat(elsewhere.status()).isEqualTo(404);
    assertThat(
            api.request("GET", RedisMonitorRoutes.JSON_PATH)
                .token(TestCoordinator.TOKEN)
                .send()
                .status())
        .as("the API's own port does not serve the monitor")
        .isEqualTo(404);
  }

  @Test
  void aSecondCoordinatorWhoseMonitorPortIsTakenDoesNotStartAndSaysWhich() {
    int taken = api.server().redisMonitorPort().orElseThrow();

    assertThatThrownBy(() -> ApiServer.start(api.resources(), "127.0.0.1", 0, taken))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("REDIS_MONITOR_PORT " + taken)
        .hasMessageContaining("REDIS_MONITOR_ENABLED=false");
  }
}
