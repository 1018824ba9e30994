package io.docfleet.cache;

import static io.docfleet.cache.CacheFixtures.ocrKeyOf;
import static io.docfleet.cache.CacheFixtures.structuredKeyOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.docfleet.redis.FleetContext;
import io.docfleet.redis.RedisKeys;
import io.docfleet.task.TaskCodec;
import io.docfleet.testing.LocalRedisCluster;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestRedis;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pattern invalidation on a three-primary Redis Cluster: every {@link CacheJanitorTest} case, and
 * keys seeded on all three primaries, each of which a raw SCAN of one server sees only in part, all
 * found and removed by one invalidation.
 */
class CacheJanitorOnClusterTest extends CacheJanitorTest {
  private static final int ENTRIES = 60;

  @BeforeAll
  static void needsACluster() {
    assumeTrue(LocalRedisCluster.available(), "redis-server and redis-cli are not installed");
  }

  @Override
  FleetContext context(String prefix) {
    return new FleetContext(
        TestRedis.clusterClient(), new RedisKeys(prefix), new TaskCodec(), new SettableClock());
  }

  @Test
  void aPatternReachesTheKeysOfEveryPrimary() {
    LocalRedisCluster cluster = LocalRedisCluster.shared();
    List<CacheEntry> entries = new ArrayList<>();
    for (int i = 0; i < ENTRIES; i++) {
      entries.add(new CacheEntry(ocrKeyOf("page " + i), CachePointer.document("case-" + i), "o"));
    }
    entries.add(new CacheEntry(structuredKeyOf("clause"), CachePointer.chunk("case-0", "c1"), "s"));
    cache.putAll(entries);
    Map<Integer, List<String>> before = cluster.keysByPrimary(prefix + "cache:ocr:*");
    assertThat(before)
        .hasSize(3)
        .allSatisfy(
            (port, keys) ->
                assertThat(keys).as("on " + port).isNotEmpty().hasSizeLessThan(ENTRIES));
    assertThat(before.values().stream().mapToInt(List::size).sum()).isEqualTo(ENTRIES);
    assertThat(cluster.keysByPrimary(prefix + "doc:ocr:*"))
        .allSatisfy((port, keys) -> assertThat(keys).as("pointers on " + port).isNotEmpty());

    assertThat(janitor.invalidateMatching("cache:ocr:*")).isEqualTo(ENTRIES);
    assertThat(janitor.invalidateMatching("doc:ocr:*")).isEqualTo(ENTRIES);

    assertThat(cluster.keysByPrimary(prefix + "cache:ocr:*"))
        .allSatisfy((port, keys) -> assertThat(keys).as("entries on " + port).isEmpty());
    assertThat(cluster.keysByPrimary(prefix + "doc:ocr:*"))
        .allSatisfy((port, keys) -> assertThat(keys).as("pointers on " + port).isEmpty());
    assertThat(cache.existing(List.of(structuredKeyOf("clause"))))
        .containsExactly(structuredKeyOf("clause"));
  }
}
