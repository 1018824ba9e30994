package io.docfleet.api.migration;

import io.docfleet.config.ConfigException;
import io.docfleet.config.Env;
import io.docfleet.config.FleetConfig;
import io.docfleet.config.RedisSettings;
import io.docfleet.redis.RedisConnector;
import io.docfleet.redis.RedisKeys;
import java.io.PrintStream;
import java.util.List;
import org.redisson.api.RedissonClient;

/**
 * {@code scripts/docfleet migrate-keys [--apply]}: renames the keys of the older naming to today's
 * (see {@code docs/redis-keys.md}, "Migration from the older naming") on the Redis the environment
 * names ({@code REDIS_URL}, {@code REDIS_MODE}, {@code DOCFLEET_KEY_PREFIX}...). Without {@code
 * --apply} it only prints what it would do. Exit status: 0 done, 2 bad arguments or configuration,
 * 1 Redis failed.
 */
public final class MigrateKeysMain {
  static final String USAGE =
      "usage: scripts/docfleet migrate-keys [--apply]\n"
          + "  renames keys of the older naming (doc_state:*, textract:result:*, rate_limit:*...)\n"
          + "  to the current one; a dry run (the default) prints what it would do";

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
    String prefix;
    try {
      settings = RedisSettings.fromEnv(env);
      prefix = FleetConfig.fromEnv(env).keyPrefix();
    } catch (ConfigException e) {
      err.println("migrate-keys: bad configuration: " + e.getMessage());
      return 2;
    }
    RedissonClient redis = RedisConnector.connect(settings, "docfleet-migrate-keys");
    try {
      return migrate(redis, new RedisKeys(prefix), apply, out);
    } catch (RuntimeException e) {
      err.println("migrate-keys: Redis failed: " + e.getMessage());
      return 1;
    } finally {
      redis.shutdown();
    }
  }

  static int migrate(RedissonClient redis, RedisKeys keys, boolean apply, PrintStream out) {
    boolean cluster = redis.getConfig().isClusterConfig();
    out.println(
        (apply ? "migrating" : "dry run: looking at")
            + " old-style keys"
            + (keys.prefix().isEmpty() ? "" : " under prefix '" + keys.prefix() + "'"));
    MigrationCounts counts = new KeyMigration(redis, keys, cluster, out).run(apply);
    out.printf(
        "%s %d, skipped because a newer key exists %d, already migrated %d, unrecognized %d%n",
        apply ? "moved" : "would move",
        counts.moved(),
        counts.skippedNewer(),
        counts.alreadyMigrated(),
        counts.unrecognized());
    if (!apply && counts.moved() + counts.alreadyMigrated() > 0) {
      out.println("nothing was changed; run with --apply to migrate");
    }
    return 0;
  }
}
