package io.docfleet.api.redismonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.docfleet.redis.RedisKeys;
import io.docfleet.testing.LocalRedisCluster;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.SlowTest;
import io.docfleet.testing.TestRedis;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/** On a three-primary Redis Cluster the keys are counted on every master and added up. */
@SlowTest
class KeyCensusOnClusterTest {
  private static final int TYPES = 30;

  private final String prefix = TestRedis.uniquePrefix("census");
  private final RedisKeys keys = new RedisKeys(prefix);

  @BeforeAll
  static void needsACluster() {
    assumeTrue(LocalRedisCluster.available(), "redis-server and redis-cli are not installed");
  }

  @AfterEach
  void removeTheKeys() {
    TestRedis.deleteKeys(TestRedis.clusterClient(), prefix);
  }

  @Test
  void everyMastersKeysAreCounted() throws Exception {
    RedissonClient redis = TestRedis.clusterClient();
    for (int i = 0; i < TYPES; i++) {
      redis.getList(keys.ready("type-" + i)).add("t");
      redis.getMap(keys.stats("type-" + i)).put("submitted", "1");
    }
    Map<Integer, List<String>> onEach =
        LocalRedisCluster.shared().keysByPrimary(prefix + "tasks:*");
    assertThat(onEach).hasSize(3).allSatisfy((port, found) -> assertThat(found).isNotEmpty());

    KeyCounts counts = new KeyCensus(new SettableClock()).take(redis, keys);

    assertThat(counts.complete()).isTrue();
    assertThat(counts.byFamily())
        .filteredOn(f -> f.count() > 0)
        .extracting(KeyCounts.FamilyCount::name, KeyCounts.FamilyCount::count)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("ready", (long) TYPES),
            org.assertj.core.groups.Tuple.tuple("stats", (long) TYPES));
    assertThat(counts.total()).isGreaterThanOrEqualTo(2L * TYPES);
  }
}
