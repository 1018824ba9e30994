package io.docfleet.api.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The health report's pure parts: INFO fields, key kinds, client names, issues. */
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
}
