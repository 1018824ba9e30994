package io.docfleet.tools.demo;

import io.docfleet.config.Env;
import io.docfleet.config.FleetConfig;
import io.docfleet.queue.QueueInspector;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.redis.FleetContext;
import io.docfleet.tools.demo.LocalFleet.Member;
import io.docfleet.tools.demo.ProgressWatch.Ending;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;

/**
 * One queue demo run (`scripts/demo --queue`): find Redis (or start one), start the worker JVMs,
 * queue the tasks, follow them until they finish, stop the workers, report.
 *
 * <p>Lifecycle: {@link #run} does all of that; {@link #close}, which the shutdown hook also runs on
 * Ctrl-C or SIGTERM, stops the workers with SIGTERM so they drain, removes the run's keys unless
 * {@code --keep}, and stops the Redis the run started. Closing twice does nothing.
 */
final class QueueDemo implements AutoCloseable {
  private static final Duration REGISTER_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration KILL_MARGIN = Duration.ofSeconds(10);

  /**
   * Shorter than the fleet's defaults, so the retried tasks reach the dead-letter list in seconds.
   */
  private static final Map<String, String> WORKER_DEFAULTS =
      Map.of("RETRY_BACKOFF_BASE", "200ms", "DELAYED_POLL_INTERVAL", "200ms");

  private static final DateTimeFormatter RUN_ID =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneId.systemDefault());

  private final DemoOptions options;
  private final Map<String, String> environment;
  private final DemoConsole console;
  private final String runId = RUN_ID.format(Instant.now());
  private final DemoRedis redis;
  private FleetConfig config;
  private FleetContext fleet;
  private LocalFleet workers;
  private boolean workersStopped;
  private volatile boolean stopping;
  private volatile boolean closed;

  /** A run with these options; {@code environment} is the one the workers start from. */
  QueueDemo(DemoOptions options, Map<String, String> environment, DemoConsole console) {
    this.options = options;
    this.environment = Map.copyOf(environment);
    this.console = console;
    this.redis = new DemoRedis(console, options.keep());
  }

  DemoOutcome run() throws InterruptedException {
    Map<String, String> runEnvironment = runEnvironment();
    config = FleetConfig.fromEnv(new Env(runEnvironment)); // a bad setting fails before any start
    console.line(
        String.format(
            "docfleet demo: %,d sleep tasks on %d worker JVMs",
            options.tasks(), options.workers()));
    if (redis.findOrStart(runEnvironment, Optional.empty())) {
      config = FleetConfig.fromEnv(new Env(runEnvironment));
    }
    fleet = redis.connect(config, "");
    List<Member> members = startWorkers(runEnvironment);
    DemoTasks tasks = DemoTasks.of(options.tasks(), options.failingEach());
    Instant queued = queue(tasks);
    Ending ending =
        new ProgressWatch(new QueueInspector(fleet), DemoTasks.TYPE, console)
            .awaitFinished(
                tasks.total(), queued, options.timeout(), () -> !stopping && workers.anyAlive());
    if (stopping) {
      throw new CancellationException("interrupted");
    }
    console.line(endingLine(ending, tasks, queued));
    stopWorkers();
    DemoOutcome outcome = DemoReport.read(fleet, tasks, members, ending == Ending.FINISHED);
    DemoReport.print(outcome, console);
    return outcome;
  }

  boolean stopping() {
    return stopping;
  }

  /** For the shutdown hook: stops a run that has not closed yet. */
  void stopOnSignal() {
    if (!closed) {
      stopping = true;
      console.line("interrupted: stopping the run");
    }
    close(); // also waits for a close under way, so the JVM does not exit half-way through it
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      stopWorkers();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    redis.disconnect(
        redis.started() ? ", though the Redis the demo started goes away with it" : "");
    redis.stopIfStarted();
  }

  /** The user's environment with what this run needs: its prefix, the type, quick retries. */
  private Map<String, String> runEnvironment() {
    Map<String, String> env = new HashMap<>(environment);
    Env given = new Env(environment);
    WORKER_DEFAULTS.forEach(
        (name, value) -> {
          if (given.get(name).isEmpty()) {
            env.put(name, value);
          }
        });
    if (given.get("DOCFLEET_KEY_PREFIX").isEmpty()) {
      env.put("DOCFLEET_KEY_PREFIX", "demo:" + runId + ":");
    }
    env.put("WORKER_TASK_TYPES", DemoTasks.TYPE);
    return env;
  }

  private List<Member> startWorkers(Map<String, String> runEnvironment)
      throws InterruptedException {
    Path logDir = options.logDir().toAbsolutePath().resolve(runId);
    console.line("worker logs: " + logDir);
    Instant start = Instant.now();
    workers = new LocalFleet(runEnvironment, logDir);
    List<Member> members = workers.start(options.workers());
    workers.awaitRegistered(fleet, REGISTER_TIMEOUT);
    console.line(
        "workers:     "
            + members.stream()
                .map(m -> m.id() + " (pid " + m.process().pid() + ")")
                .collect(Collectors.joining(", "))
            + String.format(", all registered after %.1f s", seconds(start)));
    return members;
  }

  private Instant queue(DemoTasks tasks) {
    Instant queued = Instant.now();
    new TaskSubmitter(fleet, config.queue()).submitAll(tasks.tasks());
    console.line(
        String.format(
            "queued %,d tasks in %d ms: %d fail on every attempt (up to %d attempts, backoff from"
                + " %d ms), %d fail for good at once",
            tasks.total(),
            Duration.between(queued, Instant.now()).toMillis(),
            tasks.retrying().size(),
            config.queue().maxAttempts(),
            config.queue().backoffBase().toMillis(),
            tasks.permanent().size()));
    return queued;
  }

  private synchronized void stopWorkers() throws InterruptedException {
    if (workers == null || workersStopped) {
      return;
    }
    workersStopped = true;
    Instant start = Instant.now();
    List<String> killed = workers.stop(config.worker().shutdownGrace().plus(KILL_MARGIN));
    console.line(
        String.format(
            "stopped the workers with SIGTERM (each drained and deregistered) in %.1f s%s",
            seconds(start),
            killed.isEmpty() ? "" : "; killed " + killed + ", which outlived the grace"));
  }

  private String endingLine(Ending ending, DemoTasks tasks, Instant queued) {
    double took = seconds(queued);
    return switch (ending) {
      case FINISHED ->
          String.format(
              "all %,d tasks finished in %.1f s (%,.0f tasks/s)",
              tasks.total(), took, tasks.total() / Math.max(took, 0.001));
      case EMPTY_UNFINISHED ->
          String.format(
              "after %.1f s nothing is ready, in flight or delayed, yet not every task finished:"
                  + " some were dropped (see the counters below and the worker logs in %s)",
              took, workers.logDir());
      case TIMED_OUT -> String.format("stopped waiting after %.1f s (--timeout)", took);
      case STOPPED -> "every worker JVM has exited; their logs say why: " + workers.logDir();
    };
  }

  private static double seconds(Instant since) {
    return Duration.between(since, Instant.now()).toMillis() / 1000.0;
  }
}
