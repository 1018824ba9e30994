package io.docfleet.api.redismonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.api.health.ReportShape;
import io.docfleet.pools.PoolUse;
import io.docfleet.redis.RedisKeys;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Redis reader's pure parts: INFO figures of one server and of a Cluster's masters, keys sorted
 * into families and kinds, client names, the slow log's entries without their values, and a Redis
 * section's one shape.
 */
class RedisPartsTest {
  private static Map<String, String> memory(long used, long max, long evicted) {
    return Map.of(
        "used_memory", Long.toString(used),
        "maxmemory", Long.toString(max),
        "evicted_keys", Long.toString(evicted));
  }

  @Test
  void infoIsReadLeniently() {
    RedisInfo info =
        RedisInfo.of(
            Map.of(
                "used_memory", "950",
                "maxmemory", "1000",
                "keyspace_hits", "3",
                "keyspace_misses", "1",
                "connected_clients", "x",
                "total_commands_processed", "1234"));

    assertThat(info.memoryRatio()).isEqualTo(0.95);
    assertThat(info.hitRate()).isEqualTo(0.75);
    assertThat(info.connectedClients()).isZero();
    assertThat(info.commandsProcessed()).isEqualTo(1234);
    assertThat(RedisInfo.NONE.hitRate()).isNull();
    assertThat(RedisInfo.NONE.memoryRatio()).isZero();
    assertThatThrownBy(() -> RedisInfo.of(List.<Map<String, String>>of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theEvictionPolicyTellsWhetherQueueKeysMayGoAndWhetherTheLeastUsedGoFirst() {
    for (String policy : List.of("allkeys-lru", "allkeys-lfu", "volatile-lru", "volatile-lfu")) {
      assertThat(RedisInfo.of(Map.of("maxmemory_policy", policy)).evictsLeastUsed())
          .as(policy)
          .isTrue();
    }
    for (String policy : List.of("noeviction", "allkeys-random", "volatile-ttl", "")) {
      assertThat(RedisInfo.of(Map.of("maxmemory_policy", policy)).evictsLeastUsed())
          .as(policy)
          .isFalse();
    }
    assertThat(RedisInfo.of(Map.of("maxmemory_policy", "allkeys-lru")).mayEvictQueueKeys())
        .isTrue();
  }

  @Test
  void onAClusterTheMasterNearestItsLimitSpeaksForMemoryAndTheRestAddsUp() {
    Map<String, String> first = new java.util.HashMap<>(memory(500, 2000, 1));
    first.putAll(
        Map.of(
            "redis_version", "7.2.4",
            "uptime_in_seconds", "900",
            "instantaneous_ops_per_sec", "10",
            "connected_clients", "4",
            "used_memory_peak", "600"));
    Map<String, String> fullest = new java.util.HashMap<>(memory(950, 1000, 2));
    fullest.putAll(
        Map.of(
            "uptime_in_seconds", "30",
            "instantaneous_ops_per_sec", "5",
            "connected_clients", "3",
            "used_memory_peak", "990"));

    RedisInfo info = RedisInfo.of(List.of(first, fullest, memory(1500, 4000, 0)));

    assertThat(info.usedMemory()).isEqualTo(950);
    assertThat(info.maxMemory()).isEqualTo(1000);
    assertThat(info.peakMemory()).isEqualTo(990);
    assertThat(info.evictedKeys()).isEqualTo(3);
    assertThat(info.opsPerSecond()).isEqualTo(15);
    assertThat(info.connectedClients()).isEqualTo(7);
    assertThat(info.uptimeSeconds()).as("the youngest master").isZero();
    assertThat(info.version()).isEqualTo("7.2.4");
    assertThat(RedisInfo.of(List.of(memory(10, 0, 0), memory(20, 0, 0))).usedMemory())
        .as("without a limit the largest master speaks")
        .isEqualTo(20);
  }

  @Test
  void keysAreSortedIntoTheFirstFamilyTheyMatchAndByTheirFirstSegment() {
    RedisKeys keys = new RedisKeys("p:");
    KeyTally tally = new KeyTally(keys);

    tally.add(
        List.of(
            keys.ready("ocr"),
            keys.ready("entities"),
            keys.inFlight("ocr", "w-1"),
            keys.cacheLock("ocr", "ab", "tesseract", "5", "v1"),
            keys.cacheEntry("ocr", "ab", "tesseract", "5", "v1"),
            keys.documentState("d1"),
            keys.documentPointer("ocr", "d1"),
            keys.reaperLock()));
    KeyCounts counts = tally.counts(8, true, 3, Instant.EPOCH);

    assertThat(counts.byFamily())
        .filteredOn(f -> f.count() > 0)
        .extracting(KeyCounts.FamilyCount::name, KeyCounts.FamilyCount::count)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("ready", 2L),
            org.assertj.core.groups.Tuple.tuple("inFlight", 1L),
            org.assertj.core.groups.Tuple.tuple("documentState", 1L),
            org.assertj.core.groups.Tuple.tuple("documentPointer", 1L),
            org.assertj.core.groups.Tuple.tuple("cacheLock", 1L),
            org.assertj.core.groups.Tuple.tuple("cacheEntry", 1L));
    assertThat(counts.other()).as("reaper:lock is in no family").isEqualTo(1);
    assertThat(counts.byKind())
        .containsEntry("tasks", 3L)
        .containsEntry("cache", 2L)
        .containsEntry("doc", 2L)
        .containsEntry("reaper", 1L);
    assertThat(counts.sampled()).isEqualTo(8);
    assertThat(counts.complete()).isTrue();
    assertThat(counts.scaled()).isFalse();
    assertThat(counts.byFamily().get(0).pattern()).isEqualTo("p:tasks:*");
  }

  @Test
  void aScanCutShortIsScaledToTheDatabaseOnlyWhenTheFleetOwnsIt() {
    KeyTally whole = new KeyTally(new RedisKeys(""));
    whole.add(List.of("tasks:ocr", "workers:w1"));
    KeyTally prefixed = new KeyTally(new RedisKeys("p:"));
    prefixed.add(List.of("p:tasks:ocr", "p:workers:w1"));

    KeyCounts scaled = whole.counts(20, false, 1000, Instant.EPOCH);
    KeyCounts lowerBound = prefixed.counts(20, false, 1000, Instant.EPOCH);

    assertThat(scaled.scaled()).isTrue();
    assertThat(scaled.byFamily().get(0).count()).isEqualTo(10);
    assertThat(scaled.byKind()).containsEntry("workers", 10L);
    assertThat(lowerBound.scaled()).isFalse();
    assertThat(lowerBound.byFamily().get(0).count()).isEqualTo(1);
    assertThat(KeyTally.kind("{p:tasks:ocr}:stats", "p:")).isEqualTo("tasks");
    assertThat(KeyTally.kind("q:tasks:ocr", "p:")).isEqualTo("other");
    assertThat(KeyTally.kind("plain", "")).isEqualTo("plain");
  }

  @Test
  void clientListLinesAreAttributedByName() {
    assertThat(RedisServer.clientName("id=3 addr=1.2.3.4:5 name=docfleet-worker-w1 age=9"))
        .isEqualTo("docfleet-worker-w1");
    assertThat(RedisServer.clientName("id=3 addr=1.2.3.4:5 name= age=9"))
        .isEqualTo(RedisServer.UNNAMED);
    assertThat(RedisServer.clientName("id=3")).isEqualTo(RedisServer.UNNAMED);
  }

  @Test
  void aSlowLogEntryKeepsTheCommandItsFirstArgumentCutShortAndCountsTheRest() {
    String payload = "{\"id\":\"t1\",\"payload\":{\"ssn\":\"078-05-1120\"}}";
    SlowEntry push =
        SlowLog.entry(
            List.of(
                7L,
                1_800_000_000L,
                15_000L,
                List.of("lpush", "tasks:ocr", payload, payload),
                "10.0.0.7:51234",
                "docfleet-coordinator"));
    SlowEntry cut =
        SlowLog.entry(
            List.of(
                8L,
                1_800_000_001L,
                20_000L,
                List.of("EVALSHA", "k".repeat(100), "1", "... (40 more arguments)"),
                "10.0.0.7:51234",
                ""));
    SlowEntry auth = SlowLog.entry(List.of(9L, 1L, 1L, List.of("AUTH", "(redacted)"), "a:1", "x"));

    assertThat(push.command()).isEqualTo("LPUSH");
    assertThat(push.argument()).isEqualTo("tasks:ocr");
    assertThat(push.arguments()).isEqualTo(3);
    assertThat(push.toString()).doesNotContain("078-05-1120").doesNotContain("10.0.0.7");
    assertThat(push.client()).isEqualTo("docfleet-coordinator");
    assertThat(push.at()).isEqualTo(Instant.ofEpochSecond(1_800_000_000L));
    assertThat(push.durationMicros()).isEqualTo(15_000);
    assertThat(cut.argument()).hasSize(SlowLog.SHOWN_CHARS + 1).endsWith("…");
    assertThat(cut.arguments()).as("Redis cut the entry after 32 arguments").isEqualTo(42);
    assertThat(auth.argument()).isNull();
  }

  @Test
  void aRedisSectionHasOneShapeAnsweredOrNot() {
    RedisSections sections = new RedisSections(new ObjectMapper());
    KeyTally tally = new KeyTally(new RedisKeys(""));
    tally.add(List.of("tasks:ocr", "tasks:noop", "{tasks:ocr}:dead"));
    RedisReading reading =
        new RedisReading(
            0.4,
            RedisInfo.of(Map.of("redis_version", "7.2.4", "keyspace_hits", "1")),
            1,
            Map.of("docfleet-coordinator", 3),
            tally.counts(3, true, 2, Instant.parse("2026-01-02T03:04:05Z")));
    Outcome<PoolUse> pool =
        new Outcome.Answered<>(new PoolUse("Redis", "queue", "REDIS_POOL_SIZE", 4, 1, 3, 64, 0));
    Outcome<RedisReading> down = new Outcome.Unavailable<>("no PONG", "TimeoutException");

    ObjectNode up = sections.section(new Outcome.Answered<>(reading), pool);
    ObjectNode unavailable = sections.section(down, new Outcome.Unavailable<>("odd", "X"));

    assertThat(ReportShape.of(unavailable)).isEqualTo(ReportShape.of(up));
    assertThat(up.get("status").asText()).isEqualTo("ok");
    assertThat(up.at("/keys/byPrefix/tasks").asLong()).isEqualTo(3);
    assertThat(up.at("/keys/byPattern/0/name").asText()).isEqualTo("ready");
    assertThat(up.at("/keys/byPattern/0/pattern").asText()).isEqualTo("tasks:*");
    assertThat(up.at("/keys/byPattern/0/count").asLong()).isEqualTo(2);
    assertThat(up.at("/keys/countedAt").asText()).isEqualTo("2026-01-02T03:04:05Z");
    assertThat(up.at("/keys/complete").asBoolean()).isTrue();
    assertThat(unavailable.get("status").asText()).isEqualTo("unavailable");
    assertThat(unavailable.get("error").asText()).isEqualTo("no PONG");
    assertThat(unavailable.get("version").isNull()).isTrue();
    assertThat(unavailable.at("/memory/usedBytes").isNull()).isTrue();
    assertThat(unavailable.at("/keys/byPattern").isNull()).isTrue();
    assertThat(unavailable.at("/keys/byPrefix").isEmpty()).isTrue();
    assertThat(unavailable.at("/pool/active").isNull()).isTrue();
  }
}
