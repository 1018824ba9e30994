package io.docfleet.api.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.pools.PoolUse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The health report's pure parts: INFO fields, key kinds, client names, issues, sections. */
class HealthPartsTest {
  private static RedisInfo info(Map<String, String> fields) {
    return RedisInfo.of(fields);
  }

  @Test
  void infoIsReadLeniently() {
    RedisInfo info =
        info(
            Map.of(
                "used_memory",
                "950",
                "maxmemory",
                "1000",
                "keyspace_hits",
                "3",
                "keyspace_misses",
                "1",
                "connected_clients",
                "x"));

    assertThat(info.memoryRatio()).isEqualTo(0.95);
    assertThat(info.hitRate()).isEqualTo(0.75);
    assertThat(info.connectedClients()).isZero();
    assertThat(info(Map.of()).hitRate()).isNull();
    assertThat(info(Map.of()).memoryRatio()).isZero();
  }

  @Test
  void keysAreCountedByTheirFirstSegmentAfterThePrefix() {
    assertThat(KeySample.kind("tasks:ocr", "")).isEqualTo("tasks");
    assertThat(KeySample.kind("{tasks:ocr}:dead", "")).isEqualTo("tasks");
    assertThat(KeySample.kind("p:workers:w1", "p:")).isEqualTo("workers");
    assertThat(KeySample.kind("{p:tasks:ocr}:stats", "p:")).isEqualTo("tasks");
    assertThat(KeySample.kind("q:tasks:ocr", "p:")).isEqualTo("other");
    assertThat(KeySample.kind("plain", "")).isEqualTo("plain");
  }

  @Test
  void clientListLinesAreAttributedByName() {
    assertThat(RedisProbe.clientName("id=3 addr=1.2.3.4:5 name=docfleet-worker-w1 age=9"))
        .isEqualTo("docfleet-worker-w1");
    assertThat(RedisProbe.clientName("id=3 addr=1.2.3.4:5 name= age=9"))
        .isEqualTo(RedisProbe.UNNAMED);
    assertThat(RedisProbe.clientName("id=3")).isEqualTo(RedisProbe.UNNAMED);
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
  void infoReadsTheCommandsProcessedAndWhetherTheServerEvictsTheLeastUsed() {
    assertThat(info(Map.of("total_commands_processed", "1234")).commandsProcessed())
        .isEqualTo(1234);
    for (String policy : List.of("allkeys-lru", "allkeys-lfu", "volatile-lru", "volatile-lfu")) {
      assertThat(info(Map.of("maxmemory_policy", policy)).evictsLeastUsed()).as(policy).isTrue();
    }
    for (String policy : List.of("noeviction", "allkeys-random", "volatile-ttl", "")) {
      assertThat(info(Map.of("maxmemory_policy", policy)).evictsLeastUsed()).as(policy).isFalse();
    }
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
  void everySectionHasOneShapeAnsweredOrNot() {
    ReportSections sections = new ReportSections(new ObjectMapper());
    RedisProbe.Reading reading =
        new RedisProbe.Reading(
            0.4,
            info(Map.of("redis_version", "7.2.4", "keyspace_hits", "1")),
            1,
            Map.of("docfleet-coordinator", 3),
            new KeySample.Counts(3, 3, Map.of("tasks", 3), Map.of("tasks", 3L)));
    Outcome<PoolUse> pool =
        new Outcome.Answered<>(new PoolUse("Redis", "queue", "REDIS_POOL_SIZE", 4, 1, 3, 64, 0));
    Outcome<RedisProbe.Reading> down = new Outcome.Unavailable<>("no PONG", "TimeoutException");

    ObjectNode up = sections.redis(new Outcome.Answered<>(reading), pool);
    ObjectNode unavailable = sections.redis(down, new Outcome.Unavailable<>("odd", "X"));

    assertThat(ReportShape.of(unavailable)).isEqualTo(ReportShape.of(up));
    assertThat(ReportShape.of(sections.disabledRedis(pool))).isEqualTo(ReportShape.of(up));
    assertThat(up.get("status").asText()).isEqualTo("ok");
    assertThat(up.get("keys").get("byPrefix").get("tasks").asLong()).isEqualTo(3);
    assertThat(unavailable.get("status").asText()).isEqualTo("unavailable");
    assertThat(unavailable.get("error").asText()).isEqualTo("no PONG");
    assertThat(unavailable.get("version").isNull()).isTrue();
    assertThat(unavailable.get("memory").get("usedBytes").isNull()).isTrue();
    assertThat(unavailable.get("keys").get("byPrefix").isEmpty()).isTrue();
    assertThat(unavailable.get("pool").get("active").isNull()).isTrue();
    assertThat(sections.disabledRedis(pool).get("status").asText()).isEqualTo("disabled");
    assertThat(ReportShape.of(sections.postgres(down.then(() -> 1.0), pool)))
        .isEqualTo(ReportShape.of(sections.postgres(new Outcome.Answered<>(1.5), pool)));
    assertThat(ReportShape.of(sections.fleet(new Outcome.Unavailable<>("x", "X"))))
        .isEqualTo(
            ReportShape.of(sections.fleet(new Outcome.Answered<>(ReportSections.Fleet.NONE))));
  }
}
