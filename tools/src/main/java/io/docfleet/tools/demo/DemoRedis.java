package io.docfleet.tools.demo;

import io.docfleet.config.Env;
import io.docfleet.config.FleetConfig;
import io.docfleet.config.RedisSettings;
import io.docfleet.localservers.LocalRedis;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.PrefixKeys;
import io.docfleet.redis.RedisConnector;
import io.docfleet.redis.RedisKeys;
import io.docfleet.task.TaskCodec;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.redisson.api.RedissonClient;

/**
 * A demo run's Redis: the one at REDIS_URL, else one started on its port; a connection under the
 * run's key prefix, which must hold no keys yet because the run removes every key under it.
 *
 * <p>Lifecycle: {@link #findOrStart}, {@link #connect}; at the end {@link #disconnect} removes the
 * run's keys (unless {@code --keep}) and {@link #stopIfStarted} stops a Redis the run started.
 */
final class DemoRedis {
  private final DemoConsole console;
  private final boolean keep;
  private LocalRedis redis;
  private RedissonClient client;
  private FleetContext fleet;
  private String prefix;
  private boolean keysAreOurs;

  /** A Redis for a run that keeps its keys at the end when {@code keep} (--keep). */
  DemoRedis(DemoConsole console, boolean keep) {
    this.console = console;
    this.keep = keep;
  }

  /**
   * Finds or starts the Redis at the run environment's REDIS_URL; a system {@code redis-server}
   * started here writes to {@code serverLog} when one is given. Returns true when it started one,
   * whose URL then replaces REDIS_URL in {@code runEnvironment}, for the run and its workers.
   */
  boolean findOrStart(Map<String, String> runEnvironment, Optional<Path> serverLog) {
    String url = new Env(runEnvironment).string("REDIS_URL", RedisSettings.DEFAULT_URL);
    redis =
        serverLog.isPresent()
            ? LocalRedis.findOrStart(url, serverLog.get())
            : LocalRedis.findOrStart(url);
    if (redis.owned()) {
      runEnvironment.put("REDIS_URL", redis.url());
    }
    console.line("redis:       " + redis.url() + " (" + redis.origin().description() + ")");
    return redis.owned();
  }

  /**
   * Connects under the configured key prefix, which must hold no keys yet; {@code prefixNote}
   * follows the line that names the prefix.
   */
  FleetContext connect(FleetConfig config, String prefixNote) {
    client = RedisConnector.connect(config.redis(), "docfleet-demo");
    prefix = config.keyPrefix();
    fleet = new FleetContext(client, new RedisKeys(prefix), new TaskCodec(), Clock.systemUTC());
    if (PrefixKeys.any(client, fleet.keys())) {
      throw new IllegalStateException(
          "keys under the prefix '"
              + prefix
              + "' exist already, and the demo removes every key under its prefix at the end;"
              + " set DOCFLEET_KEY_PREFIX to an unused prefix, or unset it for a fresh one");
    }
    keysAreOurs = true;
    console.line(
        "key prefix:  "
            + prefix
            + (keep ? " (kept at the end: --keep)" : " (removed at the end)")
            + prefixNote);
    return fleet;
  }

  /** True when the run started this Redis (and so stops it at the end). */
  boolean started() {
    return redis != null && redis.owned();
  }

  /**
   * Removes the run's keys, unless kept ({@code keptNote} then follows the line that says so), and
   * closes the connection. Does nothing before {@link #connect}.
   */
  void disconnect(String keptNote) {
    if (client == null) {
      return;
    }
    removeKeys(keptNote);
    client.shutdown();
  }

  /** Stops the Redis the run started, if it did. */
  void stopIfStarted() {
    if (started()) {
      redis.close();
      console.line("stopped the Redis the demo started on port " + redis.port());
    }
  }

  private void removeKeys(String keptNote) {
    if (!keysAreOurs) {
      return;
    }
    if (keep) {
      console.line("kept the keys under '" + prefix + "'" + keptNote);
      return;
    }
    try {
      long removed = PrefixKeys.deleteAll(client, fleet.keys());
      console.line(String.format("removed the run's %,d keys under '%s'", removed, prefix));
    } catch (RuntimeException e) {
      console.line("could not remove the keys under '" + prefix + "': " + e.getMessage());
    }
  }
}
