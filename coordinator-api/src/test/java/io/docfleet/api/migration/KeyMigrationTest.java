package io.docfleet.api.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.config.Env;
import io.docfleet.config.FleetConfig.QueueSettings;
import io.docfleet.redis.RedisKeys;
import io.docfleet.task.TaskCodec;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RedissonClient;

/**
 * migrate-keys on a seeded old-style keyspace under a test prefix ({@link
 * KeyMigrationOnClusterTest} runs it on a Redis Cluster).
 */
class KeyMigrationTest {
  @RegisterExtension static final TestRedisPrefix single = TestRedis.prefixed("migrate");

  final String prefix = testRedis().prefix();
  final RedisKeys keys = new RedisKeys(prefix);
  final SettableClock clock = new SettableClock();
  final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
  RedissonClient redis;

  /** The Redis under test and the test's key prefix: the shared single one here. */
  TestRedisPrefix testRedis() {
    return single;
  }

  RedissonClient client() {
    return testRedis().client();
  }

  /** The REDIS_* variables that name {@link #client}'s Redis to the command. */
  Map<String, String> redisEnv() {
    return Map.of("REDIS_URL", TestRedis.url());
  }

  @BeforeEach
  void seedTheOlderNaming() {
    redis = client();
    redis.getMap(prefix + "doc_state:d1").putAll(Map.of("status", "processing", "stage", "ocr"));
    redis.getMap(prefix + "doc_state:d1").expire(Duration.ofHours(2));
    redis.getMap(prefix + "doc_state:d2").put("status", "completed");
    redis
        .<String>getBucket(prefix + "textract:result:d1")
        .set("[{\"number\":1}]", Duration.ofHours(1));
    redis.getMap(prefix + "textract:status:job-7").put("status", "in_progress");
    redis.getMap(prefix + "rate_limit:openai:chat").put("rate", "50");
    redis.getMap(prefix + "task_assignments:t1").put("status", "completed");
    redis.getMap(prefix + "cache_metrics:ocr").put("hits", "3");
    // a newer key already holds d3's new name: it must survive untouched
    redis.getMap(prefix + "doc_state:d3").put("status", "queued");
    redis.getMap(keys.documentState("d3")).put("status", "completed");
    redis.getMap(prefix + "rate_limit:nooperation").put("rate", "1");
    // an in-flight list under its name before issue 12
    redis.getList(keys.legacy().inFlight("noop", "w-old")).add("{\"id\":\"q1\",\"type\":\"noop\"}");
  }

  /**
   * A migration run; {@code copyAcrossSlots} makes a single Redis move keys as a cluster must (a
   * cluster always does: a rename across its slots would be refused).
   */
  MigrationCounts run(boolean apply, boolean copyAcrossSlots) {
    boolean cluster = copyAcrossSlots || redis.getConfig().isClusterConfig();
    return new KeyMigration(redis, keys, cluster, out).run(apply).plus(records().run(apply));
  }

  RecordMigration records() {
    return new RecordMigration(
        redis, keys, new TaskCodec(), clock, QueueSettings.DEFAULT_RETENTION, out);
  }

  private long pttl(String key) {
    return redis.getBucket(key).remainTimeToLive();
  }

  @Test
  void aDryRunChangesNothingAndARealRunMovesEveryKeyWithItsTtlOnce() {
    assertThat(run(false, false)).isEqualTo(new MigrationCounts(8, 1, 0, 1, 0));
    assertThat(redis.getKeys().countExists(prefix + "doc_state:d1")).isOne();
    assertThat(redis.getKeys().countExists(keys.documentState("d1"))).isZero();
    assertThat(printed.toString()).contains("would move " + prefix + "doc_state:d1");

    assertThat(run(true, false)).isEqualTo(new MigrationCounts(8, 1, 0, 1, 1));

    assertMigrated();
    assertThat(run(true, false)).isEqualTo(new MigrationCounts(0, 1, 0, 1, 1));
  }

  @Test
  void acrossHashSlotsKeysAreCopiedWithTheirTtlAndTheOldOnesRemoved() {
    KeyMigration migration = new KeyMigration(redis, keys, true, out);
    assertThat(migration.moveFor("doc_state:d1", "doc:state:d1"))
        .isEqualTo(KeyMigration.Move.COPY_ACROSS_SLOTS);
    assertThat(migration.moveFor("{x}:a", "{x}:b")).isEqualTo(KeyMigration.Move.RENAME_IN_SLOT);

    assertThat(run(true, true)).isEqualTo(new MigrationCounts(8, 1, 0, 1, 1));

    assertMigrated();
    assertThat(run(true, true).moved()).isZero();
  }

  @Test
  void anInterruptedCopyIsFinishedByRemovingTheOldKeyWhenBothHoldTheSameValue() {
    redis.getMap(keys.cacheMetrics("ocr")).put("hits", "3");

    MigrationCounts counts = run(true, false);

    assertThat(counts.alreadyMigrated()).isOne();
    assertThat(redis.getKeys().countExists(prefix + "cache_metrics:ocr")).isZero();
  }

  @Test
  void theCommandReadsItsPrefixFromTheEnvironmentAndDryRunsByDefault() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Map<String, String> variables = new java.util.HashMap<>(redisEnv());
    variables.put("DOCFLEET_KEY_PREFIX", prefix);
    Env env = new Env(variables);
    PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);

    assertThat(MigrateKeysMain.run(List.of(), env, out, errors)).isZero();
    assertThat(printed.toString())
        .contains("would move 8, skipped because a newer key exists 1")
        .contains("run with --apply");
    assertThat(redis.getKeys().countExists(keys.documentState("d1"))).isZero();
    assertThat(MigrateKeysMain.run(List.of("--apply"), env, out, errors)).isZero();
    assertThat(redis.getKeys().countExists(keys.documentState("d1"))).isOne();
    assertThat(MigrateKeysMain.run(List.of("--force"), env, out, errors)).isEqualTo(2);
    assertThat(err.toString()).contains("unknown argument '--force'");
  }

  @Test
  void aRecordOfTheOlderFormMovesIntoTheQueueThatHoldsItsTaskWithItsExpiry() {
    redis.getSet(keys.queuesIndex()).add("noop");
    redis.getSet(keys.workersIndex()).add("w-old");
    redis.getList(keys.ready("noop")).add(item("r1"));
    redis.getScoredSortedSet(keys.delayed("noop")).add(5, item("r2"));
    redis
        .getList(keys.dead("noop"))
        .add("{\"id\":\"r3\",\"error\":\"x\",\"task\":" + item("r3") + "}");
    redis.getList(keys.legacy().inFlight("noop", "w-old")).add(item("r4"));
    for (String id : List.of("r1", "r2", "r3", "r4", "r5")) {
      redis
          .<String, String>getMap(keys.legacy().assignment(id))
          .putAll(Map.of("status", "retrying", "attempts", "2", "last_error", "boom"));
      redis.getMap(keys.legacy().assignment(id)).expire(Duration.ofHours(1));
    }

    MigrationCounts dry = records().run(false);
    assertThat(dry).isEqualTo(new MigrationCounts(4, 0, 0, 0, 1));
    assertThat(redis.getMap(keys.runs().assignments("noop")).isExists()).isFalse();

    assertThat(records().run(true)).isEqualTo(new MigrationCounts(4, 0, 0, 0, 1));

    for (String id : List.of("r1", "r2", "r3", "r4")) {
      assertThat(redis.<String, String>getMap(keys.runs().assignments("noop")).get(id))
          .isEqualTo("{\"status\":\"retrying\",\"attempts\":2,\"last_error\":\"boom\"}");
      assertThat(redis.getKeys().countExists(keys.legacy().assignment(id))).as(id).isZero();
    }
    Double expires = redis.getScoredSortedSet(keys.runs().assignmentsExpiry("noop")).getScore("r1");
    assertThat(expires.longValue() - clock.millis())
        .isGreaterThan(Duration.ofMinutes(50).toMillis())
        .isLessThanOrEqualTo(Duration.ofHours(1).toMillis());
    assertThat(redis.getKeys().countExists(keys.legacy().assignment("r5"))).isOne();
    assertThat(records().run(true)).isEqualTo(new MigrationCounts(0, 0, 0, 0, 1));
  }

  @Test
  void aRecordTheQueueAlreadyHasIsNeverOverwritten() {
    redis.getSet(keys.queuesIndex()).add("noop");
    redis.getList(keys.ready("noop")).addAll(List.of(item("same"), item("newer")));
    for (String id : List.of("same", "newer")) {
      redis.getMap(keys.legacy().assignment(id)).put("status", "dead");
    }
    redis
        .<String, String>getMap(keys.runs().assignments("noop"))
        .putAll(
            Map.of(
                "same", "{\"status\":\"dead\",\"attempts\":0}",
                "newer", "{\"status\":\"completed\",\"attempts\":3}"));

    assertThat(records().run(true)).isEqualTo(new MigrationCounts(0, 1, 1, 0, 0));

    assertThat(redis.getKeys().countExists(keys.legacy().assignment("same"))).isZero();
    assertThat(redis.getKeys().countExists(keys.legacy().assignment("newer"))).isOne();
    assertThat(redis.<String, String>getMap(keys.runs().assignments("noop")).get("newer"))
        .contains("completed");
  }

  @Test
  void applyingIsRefusedWhileAWorkerOfTheOlderVersionRuns() {
    redis.getSet(keys.workersIndex()).add("w-old");
    redis.getMap(keys.worker("w-old")).putAll(Map.of("id", "w-old", "host", "h1"));
    Map<String, String> variables = new java.util.HashMap<>(redisEnv());
    variables.put("DOCFLEET_KEY_PREFIX", prefix);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);

    assertThat(MigrateKeysMain.run(List.of("--apply"), new Env(variables), out, errors)).isOne();

    assertThat(err.toString()).contains("w-old").contains("README.md, Upgrading");
    assertThat(redis.getKeys().countExists(prefix + "doc_state:d1")).isOne();
    assertThat(MigrateKeysMain.run(List.of(), new Env(variables), out, errors)).isZero();
    assertThat(printed.toString()).contains("older workers still run (w-old)");
  }

  private static String item(String id) {
    return "{\"v\":1,\"id\":\"" + id + "\",\"type\":\"noop\",\"payload\":{}}";
  }

  private void assertMigrated() {
    assertThat(redis.<String, String>getMap(keys.documentState("d1")).readAllMap())
        .containsEntry("status", "processing")
        .containsEntry("stage", "ocr");
    assertThat(pttl(keys.documentState("d1")))
        .isGreaterThan(Duration.ofMinutes(100).toMillis())
        .isLessThanOrEqualTo(Duration.ofHours(2).toMillis());
    assertThat(pttl(keys.documentState("d2"))).isEqualTo(-1);
    assertThat(redis.<String>getBucket(keys.ocrJobs().result("d1")).get()).contains("number");
    assertThat(pttl(keys.ocrJobs().result("d1"))).isPositive();
    assertThat(redis.getMap(keys.ocrJobs().status("job-7")).get("status")).isEqualTo("in_progress");
    assertThat(redis.getMap(keys.rateLimit("openai", "chat")).get("rate")).isEqualTo("50");
    assertThat(redis.getMap(keys.legacy().assignment("t1")).get("status"))
        .as("a record no queue holds the task of stays under its old name")
        .isEqualTo("completed");
    assertThat(redis.<String>getList(keys.inFlight("noop", "w-old")).readAll())
        .containsExactly("{\"id\":\"q1\",\"type\":\"noop\"}");
    assertThat(redis.getKeys().countExists(keys.legacy().inFlight("noop", "w-old"))).isZero();
    assertThat(redis.getMap(keys.cacheMetrics("ocr")).get("hits")).isEqualTo("3");
    // the newer key is never overwritten; its old twin stays for an operator to look at
    assertThat(redis.getMap(keys.documentState("d3")).get("status")).isEqualTo("completed");
    assertThat(redis.getKeys().countExists(prefix + "doc_state:d3")).isOne();
    for (String old :
        List.of(
            "doc_state:d1",
            "doc_state:d2",
            "textract:result:d1",
            "textract:status:job-7",
            "rate_limit:openai:chat",
            "task_assignments:t1",
            "cache_metrics:ocr")) {
      assertThat(redis.getKeys().countExists(prefix + old)).as(old).isZero();
    }
  }
}
