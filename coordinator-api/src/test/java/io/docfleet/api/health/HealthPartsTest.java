package io.docfleet.api.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.api.queues.QueueView;
import io.docfleet.api.redismonitor.Outcome;
import io.docfleet.api.redismonitor.RedisInfo;
import io.docfleet.coordination.RunProtocol;
import io.docfleet.coordination.WorkerInfo;
import io.docfleet.pools.PoolUse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The health report's pure parts: issues, and the sections besides the Redis ones. */
class HealthPartsTest {
  private static RedisInfo info(Map<String, String> fields) {
    return RedisInfo.of(fields);
  }

  @Test
  void memoryAboveNinetyPercentAndAllkeysEvictionAreCritical() {
    RedisInfo pressed =
        info(Map.of("used_memory", "95", "maxmemory", "100", "maxmemory_policy", "allkeys-lru"));

    List<Issue> issues = new HealthIssues().find(pressed, List.of(), List.of(), Instant.EPOCH);

    assertThat(issues).extracting(Issue::code).containsExactly("memory_high", "eviction_risk");
    assertThat(HealthIssues.status(issues)).isEqualTo("critical");
    assertThat(HealthIssues.status(List.of())).isEqualTo("ok");
    RedisInfo calm =
        info(Map.of("used_memory", "10", "maxmemory", "100", "maxmemory_policy", "noeviction"));
    assertThat(new HealthIssues().find(calm, List.of(), List.of(), Instant.EPOCH)).isEmpty();
  }

  @Test
  void aPausedTypeWithReadyTasksIsNotedWithoutMakingTheFleetUnwell() {
    RedisInfo calm = info(Map.of("maxmemory_policy", "noeviction"));
    QueueView pausedOcr =
        new QueueView(
            "ocr",
            3,
            new io.docfleet.queue.LaneDepths(0, 3, 0),
            0,
            0,
            0,
            1_000L,
            true,
            "t",
            java.util.List.of(),
            Map.of(),
            0);
    QueueView pausedEmpty =
        new QueueView(
            "entities",
            0,
            new io.docfleet.queue.LaneDepths(0, 0, 0),
            0,
            0,
            0,
            null,
            true,
            "t",
            java.util.List.of(),
            Map.of(),
            0);
    WorkerInfo ocrWorker =
        new WorkerInfo(
            "w1",
            "h",
            1,
            List.of("ocr", "entities"),
            "2",
            "active",
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            0,
            0,
            0,
            OptionalInt.empty(),
            RunProtocol.CURRENT,
            "");

    List<Issue> issues =
        new HealthIssues()
            .find(calm, List.of(pausedOcr, pausedEmpty), List.of(ocrWorker), Instant.EPOCH);

    assertThat(issues)
        .containsExactly(
            new Issue(Issue.Severity.INFO, "paused", "type ocr is paused with 3 ready task(s)"));
    assertThat(HealthIssues.status(issues)).isEqualTo("ok");
  }

  @Test
  void aCacheThatDoesNotEvictItsLeastUsedKeysIsAWarning() {
    assertThat(DependencyIssues.cachePolicy(info(Map.of("maxmemory_policy", "allkeys-lru")), false))
        .isEmpty();
    assertThat(DependencyIssues.cachePolicy(info(Map.of("maxmemory_policy", "noeviction")), false))
        .singleElement()
        .satisfies(
            issue -> {
              assertThat(issue.code()).isEqualTo("cache_eviction_policy");
              assertThat(issue.severity()).isEqualTo(Issue.Severity.WARNING);
              assertThat(issue.message())
                  .contains("noeviction", "cache writes fail", "allkeys-lru or allkeys-lfu");
            });
    assertThat(DependencyIssues.cachePolicy(info(Map.of("maxmemory_policy", "noeviction")), true))
        .singleElement()
        .extracting(Issue::message)
        .asString()
        .contains("volatile-lru or volatile-lfu", "REDIS_CACHE_URL");
    assertThat(
            DependencyIssues.cachePolicy(info(Map.of("maxmemory_policy", "allkeys-random")), false))
        .singleElement()
        .extracting(Issue::message)
        .asString()
        .contains("regardless of how much they are used");
  }

  @Test
  void aPoolPastEightyPercentIsAWarningNamingWhatToRaise() {
    PoolUse calm = new PoolUse("Redis", "queue", "REDIS_POOL_SIZE", 10, 8, 2, 10, 0);
    PoolUse busy =
        new PoolUse("PostgreSQL", "docfleet-coordinator", "DATABASE_POOL_SIZE", 10, 9, 1, 10, 3);

    assertThat(DependencyIssues.pools(List.of(calm, busy)))
        .singleElement()
        .satisfies(
            issue -> {
              assertThat(issue.code()).isEqualTo("pool_high");
              assertThat(issue.severity()).isEqualTo(Issue.Severity.WARNING);
              assertThat(issue.message())
                  .contains("PostgreSQL docfleet-coordinator", "9 of 10 in use", "3 pending")
                  .contains("raise DATABASE_POOL_SIZE");
            });
  }

  @Test
  void aDependencyThatDoesNotAnswerIsCriticalWithItsError() {
    Outcome<Object> down =
        Outcome.unavailable(
            new CompletionException(
                new IllegalStateException(
                    "Unable to connect", new java.net.ConnectException("Connection refused"))));

    assertThat(down.errorOrNull()).isEqualTo("Unable to connect: Connection refused");
    assertThat(down.readiness()).isEqualTo("failed: IllegalStateException");
    assertThat(DependencyIssues.unavailable("redis_unavailable", "the queue's Redis", down))
        .singleElement()
        .isEqualTo(
            new Issue(
                Issue.Severity.CRITICAL,
                "redis_unavailable",
                "the queue's Redis does not answer: Unable to connect: Connection refused"));
    assertThat(DependencyIssues.unavailable("x", "y", new Outcome.Answered<>(1))).isEmpty();
    assertThat(Outcome.of(() -> "fine").readiness()).isEqualTo("ok");
  }

  @Test
  void thePostgresAndFleetSectionsHaveOneShapeAnsweredOrNot() {
    ReportSections sections = new ReportSections(new ObjectMapper());
    Outcome<PoolUse> pool =
        new Outcome.Answered<>(
            new PoolUse("PostgreSQL", "c", "DATABASE_POOL_SIZE", 2, 0, 2, 10, 0));
    Outcome<Double> down = new Outcome.Unavailable<>("no connection", "TimeoutException");

    ObjectNode unavailable = sections.postgres(down, new Outcome.Unavailable<>("odd", "X"));

    assertThat(ReportShape.of(unavailable))
        .isEqualTo(ReportShape.of(sections.postgres(new Outcome.Answered<>(1.5), pool)));
    assertThat(unavailable.get("status").asText()).isEqualTo("unavailable");
    assertThat(unavailable.get("pingMs").isNull()).isTrue();
    assertThat(unavailable.get("pool").get("active").isNull()).isTrue();
    assertThat(ReportShape.of(sections.fleet(new Outcome.Unavailable<>("x", "X"))))
        .isEqualTo(
            ReportShape.of(sections.fleet(new Outcome.Answered<>(ReportSections.Fleet.NONE))));
  }
}
