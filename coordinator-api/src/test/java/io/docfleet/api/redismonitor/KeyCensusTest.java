package io.docfleet.api.redismonitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.redis.RedisKeys;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/**
 * Counting a Redis's keys by family with {@code SCAN} under the fleet's key prefix: exact when the
 * scan goes through, a lower bound (and said so) when its time runs out first.
 */
class KeyCensusTest {
  private final RedissonClient redis = TestRedis.client();
  private final String prefix = TestRedis.uniquePrefix("census");
  private final RedisKeys keys = new RedisKeys(prefix);
  private final SettableClock clock = new SettableClock(Instant.parse("2026-03-04T05:06:07Z"));

  @AfterEach
  void removeTheKeys() {
    TestRedis.deleteKeys(redis, prefix);
  }

  private void seed(int documents) {
    redis.getList(keys.ready("ocr")).add("t1");
    redis.getList(keys.ready("entities")).add("t2");
    redis.getList(keys.inFlight("ocr", "w-1")).add("t3");
    redis.getList(keys.dead("ocr")).add("t4");
    for (int i = 0; i < documents; i++) {
      redis.getMap(keys.documentState("d" + i)).put("status", "queued");
    }
  }

  private static Map<String, Long> byName(KeyCounts counts) {
    Map<String, Long> byName = new java.util.HashMap<>();
    counts.byFamily().forEach(f -> byName.put(f.name(), f.count()));
    return byName;
  }

  @Test
  void aScanThatGoesThroughCountsEveryFamilyExactly() throws Exception {
    seed(25);

    KeyCounts counts = new KeyCensus(clock).take(redis, keys);

    assertThat(counts.complete()).isTrue();
    assertThat(counts.scaled()).isFalse();
    assertThat(byName(counts))
        .containsEntry("ready", 2L)
        .containsEntry("inFlight", 1L)
        .containsEntry("dead", 1L)
        .containsEntry("documentState", 25L)
        .containsEntry("cacheEntry", 0L);
    assertThat(counts.sampled()).isEqualTo(29);
    assertThat(counts.other()).isZero();
    assertThat(counts.byKind()).containsEntry("tasks", 4L).containsEntry("doc", 25L);
    assertThat(counts.total()).as("DBSIZE: the whole database").isGreaterThanOrEqualTo(29);
    assertThat(counts.countedAt()).isEqualTo(clock.instant());
    assertThat(counts.byFamily().get(0).pattern()).isEqualTo(keys.families().get(0).pattern());
  }

  @Test
  void aScanWhoseTimeRunsOutSaysItsCountsAreLowerBounds() throws Exception {
    seed(200);

    KeyCounts counts = new KeyCensus(clock, Duration.ZERO, 10).take(redis, keys);

    assertThat(counts.complete()).isFalse();
    assertThat(counts.scaled()).as("under a prefix a partial count is not scaled").isFalse();
    assertThat(byName(counts).get("documentState")).isLessThan(200);
  }
}
