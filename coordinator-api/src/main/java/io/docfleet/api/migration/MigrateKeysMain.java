package io.docfleet.api.migration;

import io.docfleet.config.ConfigException;
import io.docfleet.config.Env;
import io.docfleet.config.FleetConfig;
import io.docfleet.config.RedisSettings;
import io.docfleet.coordination.FleetWorkers;
import io.docfleet.coordination.RunProtocol;
import io.docfleet.coordination.WorkerInfo;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.RedisConnector;
import io.docfleet.redis.RedisKeys;
import io.docfleet.task.TaskCodec;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.redisson.api.RedissonClient;

/**
 * {@code scripts/docfleet migrate-keys [--apply]}: renames the keys of the older naming to today's
 * and moves the older task records into their queues' hashes (see {@code docs/redis-keys.md},
 * "Migration from the older naming") on the Redis the environment names ({@code REDIS_URL}, {@code
 * REDIS_MODE}, {@code DOCFLEET_KEY_PREFIX}...). Without {@code --apply} it only prints what it
 * would do; {@code --apply} is refused while a worker of the older run protocol is alive (it would
 * lose track of that worker's runs). Exit status: 0 done, 2 bad arguments or configuration, 1 Redis
 * failed or older workers still run.
 */
public final class MigrateKeysMain {
  static final String USAGE =
      "usage: scripts/docfleet migrate-keys [--apply]\n"
          + "  renames keys of the older naming (doc_state:*, rate_limit:*, the in-flight lists\n"
          + "  {tasks:*}:processing:*...) to the current one and moves task:assignments:* records\n"
          + "  into their queues; a dry run (the default) prints what it would do";

  private MigrateKeysMain() {}

  public static void main(String[] args) {
    System.exit(run(List.of(args), new Env(System.getenv()), System.out, System.err));
  }

  /** Runs the migration; returns the exit status. */
  static int run(List<String> args, Env env, PrintStream out, PrintStream err) {
    boolean apply = false;
    for (String arg : args) {
      switch (arg) {
        case "--apply" -> apply = true;
        case "--help", "-h" -> {
          out.println(USAGE);
          return 0;
        }
        default -> {
          err.println("migrate-keys: unknown argument '" + arg + "'\n" + USAGE);
          return 2;
        }
      }
    }
    RedisSettings settings;
    FleetConfig config;
    try {
      settings = RedisSettings.fromEnv(env);
      config = FleetConfig.fromEnv(env);
    } catch (ConfigException e) {
      err.println("migrate-keys: bad configuration: " + e.getMessage());
      return 2;
    }
    RedissonClient redis = RedisConnector.connect(settings, "docfleet-migrate-keys");
    try {
      FleetContext fleet =
          new FleetContext(
              redis, new RedisKeys(config.keyPrefix()), new TaskCodec(), Clock.systemUTC());
      return migrate(fleet, config.queue().assignmentRetention(), apply, out, err);
    } catch (RuntimeException e) {
      err.println("migrate-keys: Redis failed: " + e.getMessage());
      return 1;
    } finally {
      redis.shutdown();
    }
  }

  static int migrate(
      FleetContext fleet, Duration retention, boolean apply, PrintStream out, PrintStream err) {
    RedissonClient redis = fleet.redis();
    RedisKeys keys = fleet.keys();
    List<WorkerInfo> older = RunProtocol.olderLiveWorkers(new FleetWorkers(fleet).list());
    if (apply && !older.isEmpty()) {
      err.println(
          "migrate-keys: "
              + older.size()
              + " worker(s) of the older version still run ("
              + older.get(0).id()
              + (older.size() > 1 ? ", ..." : "")
              + "); stop them (let them drain) first: README.md, Upgrading");
      return 1;
    }
    boolean cluster = redis.getConfig().isClusterConfig();
    out.println(
        (apply ? "migrating" : "dry run: looking at")
            + " old-style keys"
            + (keys.prefix().isEmpty() ? "" : " under prefix '" + keys.prefix() + "'"));
    MigrationCounts counts =
        new KeyMigration(redis, keys, cluster, out)
            .run(apply)
            .plus(
                new RecordMigration(redis, keys, fleet.codec(), fleet.clock(), retention, out)
                    .run(apply));
    out.printf(
        "%s %d, skipped because a newer key exists %d, already migrated %d, unrecognized %d,"
            + " records left under their old name %d%n",
        apply ? "moved" : "would move",
        counts.moved(),
        counts.skippedNewer(),
        counts.alreadyMigrated(),
        counts.unrecognized(),
        counts.left());
    if (!older.isEmpty()) {
      out.println(
          "older workers still run ("
              + older.get(0).id()
              + (older.size() > 1 ? ", ..." : "")
              + "): stop them before --apply");
    }
    if (!apply && counts.moved() + counts.alreadyMigrated() > 0) {
      out.println("nothing was changed; run with --apply to migrate");
    }
    return 0;
  }
}
