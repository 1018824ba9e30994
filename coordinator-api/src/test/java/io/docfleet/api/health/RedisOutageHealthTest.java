package io.docfleet.api.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.docfleet.api.TestCoordinator;
import io.docfleet.api.TestCoordinator.Answer;
import io.docfleet.localservers.LocalRedis;
import io.docfleet.testing.SlowTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A running coordinator whose queue Redis and cache Redis (each a redis-server of the test's own)
 * are stopped under it: {@code /api/v1/health} answers 503 in the shape it has when all is well,
 * with an issue naming the Redis that does not answer and its error, and {@code /ready} names it.
 */
@SlowTest
class RedisOutageHealthTest {
  private static final LocalRedis QUEUE = LocalRedis.startPrivate();
  private static final LocalRedis CACHE = LocalRedis.startPrivate();

  /** Stops the servers after the coordinator closed (after-all callbacks run in reverse order). */
  @RegisterExtension
  @Order(1)
  static final AfterAllCallback servers =
      context -> {
        QUEUE.close();
        CACHE.close();
      };

  @RegisterExtension
  @Order(2)
  static final TestCoordinator api =
      TestCoordinator.withEnv(Map.of("REDIS_URL", QUEUE.url(), "REDIS_CACHE_URL", CACHE.url()));

  @AfterEach
  void bothRedisAnswerAgain() {
    QUEUE.start();
    CACHE.start();
    await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/health").status() == 200);
  }

  private static List<String> codes(JsonNode report) {
    return report.get("issues").findValuesAsText("code");
  }

  @Test
  void withEveryDependencyUpTheReportHasEverySection() {
    Answer answer = api.get("/api/v1/health");

    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    JsonNode report = answer.json();
    assertThat(report.get("redis").get("status").asText()).isEqualTo("ok");
    assertThat(report.get("redis").get("error").isNull()).isTrue();
    assertThat(report.get("redis").get("commandsProcessed").asLong()).isPositive();
    assertThat(report.get("redis").get("pool").get("name").asText()).isEqualTo("queue");
    assertThat(report.get("redis").get("pool").get("max").asInt()).isEqualTo(64);
    JsonNode cache = report.get("cache");
    assertThat(cache.get("status").asText()).isEqualTo("ok");
    assertThat(cache.get("sharedWithQueue").asBoolean()).isFalse();
    assertThat(cache.get("pool").get("name").asText()).isEqualTo("cache");
    assertThat(cache.get("memory").get("peakBytes").asLong()).isPositive();
    assertThat(cache.get("maxmemoryPolicy").asText()).isEqualTo("noeviction");
    assertThat(cache.get("opsPerSecond").isNumber()).isTrue();
    assertThat(cache.get("clients").get("connected").asLong()).isPositive();
    assertThat(cache.has("keyspaceHitRate")).isTrue();
    assertThat(cache.get("evictedKeys").asLong()).isZero();
    assertThat(codes(report))
        .as("a private redis-server runs noeviction, which a cache should not")
        .contains("cache_eviction_policy")
        .doesNotContain("redis_unavailable", "cache_unavailable", "postgres_unavailable");
    assertThat(report.get("postgres").get("pool").get("name").asText())
        .isEqualTo("docfleet-coordinator");
  }

  @Test
  void aStoppedQueueRedisIsReportedWith503InTheSameShape() {
    JsonNode up = api.get("/api/v1/health").json();

    QUEUE.stop(true);
    Answer down = api.get("/api/v1/health");

    assertThat(down.status()).as(down.text()).isEqualTo(503);
    JsonNode report = down.json();
    assertThat(ReportShape.of(report)).isEqualTo(ReportShape.of(up));
    assertThat(report.get("status").asText()).isEqualTo("critical");
    JsonNode redis = report.get("redis");
    assertThat(redis.get("status").asText()).isEqualTo("unavailable");
    assertThat(redis.get("error").asText()).isNotBlank();
    assertThat(redis.get("memory").get("usedBytes").isNull()).isTrue();
    assertThat(redis.get("pool").get("max").asInt())
        .as("the client's own pool is read without Redis")
        .isEqualTo(64);
    assertThat(report.get("fleet").get("workers").isNull()).isTrue();
    assertThat(report.get("cache").get("status").asText()).isEqualTo("ok");
    JsonNode issue = issue(report, "redis_unavailable");
    assertThat(issue.get("severity").asText()).isEqualTo("critical");
    assertThat(issue.get("message").asText())
        .startsWith("the queue's Redis does not answer: ")
        .contains(redis.get("error").asText());

    Answer ready = api.get("/ready");
    assertThat(ready.status()).isEqualTo(503);
    assertThat(ready.json().get("ready").asBoolean()).isFalse();
    assertThat(ready.json().get("redis").asText()).startsWith("failed: ");
    assertThat(ready.json().get("cache").asText()).isEqualTo("ok");
    assertThat(ready.json().get("postgres").asText()).isEqualTo("ok");
    assertThat(api.get("/health").status()).isEqualTo(200);
  }

  @Test
  void aStoppedCacheRedisIsReportedWith503AndNamedByReady() {
    JsonNode up = api.get("/api/v1/health").json();

    CACHE.stop(true);
    Answer down = api.get("/api/v1/health");

    assertThat(down.status()).as(down.text()).isEqualTo(503);
    JsonNode report = down.json();
    assertThat(ReportShape.of(report)).isEqualTo(ReportShape.of(up));
    assertThat(report.get("cache").get("status").asText()).isEqualTo("unavailable");
    assertThat(report.get("cache").get("maxmemoryPolicy").isNull()).isTrue();
    assertThat(report.get("redis").get("status").asText()).isEqualTo("ok");
    assertThat(report.get("fleet").get("workers").asInt()).isZero();
    assertThat(issue(report, "cache_unavailable").get("message").asText())
        .startsWith("the cache's Redis does not answer: ")
        .contains(report.get("cache").get("error").asText());
    assertThat(codes(report)).doesNotContain("redis_unavailable", "cache_eviction_policy");

    Answer ready = api.get("/ready");
    assertThat(ready.status())
        .as("the cache is an optimization: the coordinator still serves without it")
        .isEqualTo(200);
    assertThat(ready.json().get("cache").asText()).startsWith("failed: ");
    assertThat(ready.json().get("redis").asText()).isEqualTo("ok");
  }

  private static JsonNode issue(JsonNode report, String code) {
    for (JsonNode issue : report.get("issues")) {
      if (issue.get("code").asText().equals(code)) {
        return issue;
      }
    }
    throw new AssertionError("no issue " + code + " in " + report);
  }
}
