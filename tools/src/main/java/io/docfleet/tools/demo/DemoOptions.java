package io.docfleet.tools.demo;

import io.docfleet.config.ConfigException;
import io.docfleet.config.Env;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What one queue demo run ({@code scripts/demo --queue}) does, read from the command line (and
 * {@code DEMO_TASKS}) with defaults.
 */
record DemoOptions(
    int tasks, int failingEach, int workers, Duration timeout, boolean keep, Path logDir) {

  static final int DEFAULT_TASKS = 3000;
  static final int DEFAULT_FAILING_EACH = 5;
  static final int DEFAULT_WORKERS = 2;
  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

  static final String USAGE =
      """
      usage: scripts/demo --queue [--tasks N] [--failing N] [--workers N] [--timeout 2m] [--keep]
                                  [--log-dir DIR]
        --tasks N      sleep tasks of 1-5 ms to run (default 3000, or DEMO_TASKS)
        --failing N    of those, N fail every attempt until they are dead-lettered and N fail
                       for good at once (default 5)
        --workers N    worker JVMs to start (default 2)
        --timeout D    stop waiting after D, such as 90s or 2m (default 2m)
        --keep         keep the run's Redis keys (by default they are removed at the end)
        --log-dir DIR  where the worker logs go, one folder per run (default: target/demo/ of
                       the repository)
      environment:
        REDIS_URL            default redis://127.0.0.1:6379; when nothing answers on a loopback
                             port the demo starts a Redis there (redis-server, else embedded)
        DOCFLEET_KEY_PREFIX  default demo:<timestamp>: (fresh per run); must hold no keys yet
        JAVA_OPTS            added to the options of every JVM of the demo
        worker settings      passed to the workers (WORKER_CONCURRENCY, TASK_MAX_ATTEMPTS, ...);
                             here RETRY_BACKOFF_BASE defaults to 200ms, DELAYED_POLL_INTERVAL
                             to 200ms, so the retried tasks are dead-lettered within seconds
      """;

  private static final Set<String> FLAGS = Set.of("--keep");
  private static final Set<String> VALUED =
      Set.of("--tasks", "--failing", "--workers", "--timeout", "--log-dir");

  /** Parses the arguments; throws {@link ConfigException} naming the option on a bad one. */
  static DemoOptions parse(List<String> args, Env env) {
    Env options = DemoArguments.parse(args, FLAGS, VALUED);
    int tasks = options.positiveInt("--tasks", env.positiveInt("DEMO_TASKS", DEFAULT_TASKS));
    int failingEach = nonNegative(options, "--failing", Math.min(DEFAULT_FAILING_EACH, tasks / 2));
    if (2L * failingEach > tasks) {
      throw new ConfigException(
          "--failing: expected at most half of --tasks (" + tasks / 2 + "), got " + failingEach);
    }
    return new DemoOptions(
        tasks,
        failingEach,
        options.positiveInt("--workers", DEFAULT_WORKERS),
        options.duration("--timeout", DEFAULT_TIMEOUT),
        options.bool("--keep", false),
        options.get("--log-dir").map(Path::of).orElseGet(RepositoryFolders::logs));
  }

  private static int nonNegative(Env options, String name, int defaultValue) {
    String value = options.string(name, Integer.toString(defaultValue));
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(name, "a whole number of 0 or more", value);
  }
}
