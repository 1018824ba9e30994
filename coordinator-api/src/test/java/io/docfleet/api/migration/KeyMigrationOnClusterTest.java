package io.docfleet.api.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.docfleet.config.Env;
import io.docfleet.testing.LocalRedisCluster;
import io.docfleet.testing.SlowTest;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * migrate-keys on a three-primary Redis Cluster: every {@link KeyMigrationTest} case (where old and
 * new names hash to different slots, so keys are copied with their TTL and the old ones deleted),
 * and old keys seeded on all three primaries, every one of which the command finds and moves.
 */
@SlowTest
class KeyMigrationOnClusterTest extends KeyMigrationTest {
  private static final int PER_PRIMARY = 2;

  @BeforeAll
  static void needsACluster() {
    assumeTrue(LocalRedisCluster.available(), "redis-server and redis-cli are not installed");
  }

  @RegisterExtension static final TestRedisPrefix cluster = TestRedis.onCluster("migrate");

  @Override
  TestRedisPrefix testRedis() {
    return cluster;
  }

  @Override
  Map<String, String> redisEnv() {
    return LocalRedisCluster.shared().env();
  }

  @Test
  void theCommandMovesOldKeysFromEveryPrimary() {
    LocalRedisCluster cluster = LocalRedisCluster.shared();
    List<String> documents = onEveryPrimary(cluster, "doc_state:", "m");
    List<String> tasks = onEveryPrimary(cluster, "task_assignments:", "tk");
    for (String id : documents) {
      redis.getMap(prefix + "doc_state:" + id).put("status", "queued");
      redis.getMap(prefix + "doc_state:" + id).expire(Duration.ofHours(3));
    }
    for (String id : tasks) {
      redis.getMap(prefix + "task_assignments:" + id).put("status", "completed");
    }
    for (String old : List.of("doc_state:*", "task_assignments:*")) {
      assertThat(cluster.keysByPrimary(prefix + old))
          .as(old + " by primary before")
          .hasSize(3)
          .allSatisfy((port, found) -> assertThat(found).as("on " + port).isNotEmpty());
    }
    Map<String, String> variables = new HashMap<>(redisEnv());
    variables.put("DOCFLEET_KEY_PREFIX", prefix);
    Env env = new Env(variables);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
    int seeded = documents.size() + tasks.size();

    assertThat(MigrateKeysMain.run(List.of(), env, out, errors)).isZero();
    assertThat(printed.toString()).contains("would move " + (8 + seeded) + ",");
    assertThat(MigrateKeysMain.run(List.of("--apply"), env, out, errors)).isZero();

    assertThat(err.toString()).isEmpty();
    assertThat(printed.toString()).contains("moved " + (8 + seeded) + ",");
    for (String old : List.of("doc_state:m*", "task_assignments:*")) {
      assertThat(cluster.keysByPrimary(prefix + old))
          .as(old + " by primary after")
          .allSatisfy((port, found) -> assertThat(found).as("on " + port).isEmpty());
    }
    for (String id : documents) {
      assertThat(redis.getMap(keys.documentState(id)).get("status")).isEqualTo("queued");
      assertThat(redis.getMap(keys.documentState(id)).remainTimeToLive())
          .isGreaterThan(Duration.ofHours(2).toMillis());
    }
    for (String id : tasks) {
      assertThat(redis.getMap(keys.legacy().assignment(id)).get("status")).isEqualTo("completed");
    }
  }

  /**
   * Ids whose old key {@code <prefix><oldForm><id>} falls on each primary {@value #PER_PRIMARY}
   * times.
   */
  private List<String> onEveryPrimary(LocalRedisCluster cluster, String oldForm, String name) {
    Map<Integer, Integer> placed = new HashMap<>();
    List<String> ids = new ArrayList<>();
    for (int n = 0; ids.size() < 3 * PER_PRIMARY; n++) {
      String id = name + n;
      if (placed.merge(cluster.primaryOf(prefix + oldForm + id), 1, Integer::sum) <= PER_PRIMARY) {
        ids.add(id);
      }
    }
    return ids;
  }
}
