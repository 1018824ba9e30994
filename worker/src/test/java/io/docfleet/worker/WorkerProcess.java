package io.docfleet.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A worker JVM that a test starts as a child process: {@code java -cp <this JVM's class path>
 * io.docfleet.worker.WorkerMain}, with an environment the test chooses and the process's output in
 * {@code target/worker-logs/<worker id>-<n>.log}, so a failing test can show what the worker said.
 *
 * <p>Lifecycle: {@link Spec#start} starts it; {@link #freeze} (SIGSTOP) and {@link #thaw} (SIGCONT)
 * stop and resume it; {@link #kill} (SIGKILL) or {@link #terminate} (SIGTERM) ends it; {@link
 * #close} kills it if it still runs. Public for the other modules' tests that need a real worker
 * beside their own parts (the coordinator's).
 */
public final class WorkerProcess implements AutoCloseable {
  // Timings short enough that a dead worker is noticed within seconds (the TTL must be at least
  // twice the heartbeat interval).
  static final Duration HEARTBEAT_INTERVAL = Duration.ofMillis(300);
  static final Duration WORKER_TTL = Duration.ofMillis(1500);
  static final Duration REAPER_INTERVAL = Duration.ofMillis(300);

  /** {@link Spec#httpPort} for a worker whose WORKER_HTTP_PORT is left unset. */
  static final int UNSET = -1;

  private static final Path LOG_DIR = Path.of("target", "worker-logs");

  private final String id;
  private final Process process;
  private final Path log;

  private WorkerProcess(String id, Process process, Path log) {
    this.id = id;
    this.process = process;
    this.log = log;
  }

  /** A worker with this id (unique within the test's key prefix), serving {@code sleep}. */
  public static Spec aWorker(String id) {
    return new Spec(id, Map.of(), null, "sleep", 4, Duration.ofSeconds(5), 0, Map.of());
  }

  String id() {
    return id;
  }

  long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL: the worker gets no chance to clean up. Returns once the process is gone. */
  void kill() {
    process.destroyForcibly();
    awaitExit(Duration.ofSeconds(30));
  }

  /**
   * SIGSTOP: the worker stands still, its threads and its heartbeat with it, as a JVM in a long
   * pause or a machine that stalls; {@link #thaw} lets it go on.
   */
  void freeze() {
    signal("STOP");
  }

  /** SIGCONT: a frozen worker goes on from where it stood. */
  void thaw() {
    signal("CONT");
  }

  private void signal(String name) {
    try {
      Process kill =
          new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
              .redirectErrorStream(true)
              .start();
      if (kill.waitFor() != 0) {
        throw new AssertionError("kill -" + name + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot signal worker " + id, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while signalling worker " + id, e);
    }
  }

  /** SIGTERM: the worker drains; see {@link #awaitExit} for how it ended. */
  public void terminate() {
    process.destroy();
  }

  /** Waits for the process to end and returns its exit code; fails when it is still running. */
  public int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("worker " + id + " still runs after " + timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for worker " + id, e);
    }
    return process.exitValue();
  }

  /** Everything the worker has written to stdout and stderr so far. */
  public String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  /** True when the worker's output contains {@code text}. */
  boolean logged(String text) {
    return output().contains(text);
  }

  Path log() {
    return log;
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }

  /**
   * What to start: the worker's id, where its Redis is (the REDIS_* variables), what it serves, how
   * it drains, its HTTP port (none by default: several run on one host), and variables that
   * override the others ({@link #with}).
   */
  public record Spec(
      String id,
      Map<String, String> redisEnv,
      String keyPrefix,
      String taskTypes,
      int concurrency,
      Duration shutdownGrace,
      int httpPort,
      Map<String, String> overrides) {

    /** The same worker against the Redis and key prefix of {@code fleet}. */
    Spec against(TestFleet fleet) {
      return against(fleet.redisEnv(), fleet.prefix());
    }

    /** The same worker against the Redis the {@code REDIS_*} variables name, under a key prefix. */
    public Spec against(Map<String, String> redis, String prefix) {
      return new Spec(
          id, redis, prefix, taskTypes, concurrency, shutdownGrace, httpPort, overrides);
    }

    Spec concurrency(int tasksAtOnce) {
      return new Spec(
          id, redisEnv, keyPrefix, taskTypes, tasksAtOnce, shutdownGrace, httpPort, overrides);
    }

    Spec shutdownGrace(Duration grace) {
      return new Spec(id, redisEnv, keyPrefix, taskTypes, concurrency, grace, httpPort, overrides);
    }

    /**
     * Serves {@code /health}, {@code /ready} and {@code /metrics} on this port (0: none; {@link
     * #UNSET}: WORKER_HTTP_PORT is not set).
     */
    public Spec httpPort(int port) {
      return new Spec(
          id, redisEnv, keyPrefix, taskTypes, concurrency, shutdownGrace, port, overrides);
    }

    /** Sets {@code variable} to {@code value}, over what the other settings say. */
    public Spec with(String variable, String value) {
      Map<String, String> more = new LinkedHashMap<>(overrides);
      more.put(variable, value);
      return new Spec(
          id,
          redisEnv,
          keyPrefix,
          taskTypes,
          concurrency,
          shutdownGrace,
          httpPort,
          Map.copyOf(more));
    }

    /** Leaves WORKER_TASK_TYPES unset: the worker serves every type it has a handler for. */
    Spec servingDefaultTypes() {
      return new Spec(
          id, redisEnv, keyPrefix, null, concurrency, shutdownGrace, httpPort, overrides);
    }

    /**
     * Runs {@link RecordingWorkerMain} instead of the worker's main class: every run of a sleep
     * task appends the task's id to {@code runLog}.
     */
    Spec recordingRunsTo(Path runLog) {
      return with(RecordingWorkerMain.RUN_LOG, runLog.toAbsolutePath().toString());
    }

    /** The worker's whole environment: nothing is inherited but {@code PATH}. */
    Map<String, String> environment() {
      Map<String, String> env = new LinkedHashMap<>();
      env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
      env.putAll(redisEnv);
      env.put("DOCFLEET_KEY_PREFIX", keyPrefix);
      env.put("WORKER_ID", id);
      if (taskTypes != null) {
        env.put("WORKER_TASK_TYPES", taskTypes);
      }
      env.put("WORKER_CONCURRENCY", Integer.toString(concurrency));
      env.put("HEARTBEAT_INTERVAL", HEARTBEAT_INTERVAL.toMillis() + "ms");
      env.put("WORKER_TTL", WORKER_TTL.toMillis() + "ms");
      env.put("REAPER_INTERVAL", REAPER_INTERVAL.toMillis() + "ms");
      env.put("DELAYED_POLL_INTERVAL", "300ms");
      env.put("SHUTDOWN_GRACE", shutdownGrace.toMillis() + "ms");
      env.put("LOG_LEVEL", "INFO");
      if (httpPort != UNSET) {
        env.put("WORKER_HTTP_PORT", Integer.toString(httpPort));
      }
      env.putAll(overrides);
      return env;
    }

    /** Starts the worker JVM; it registers with the fleet a second or two later. */
    public WorkerProcess start() {
      if (redisEnv.isEmpty()) {
        throw new IllegalStateException("say against(fleet) before starting worker " + id);
      }
      Path log = LOG_DIR.resolve(id + "-" + System.nanoTime() + ".log").toAbsolutePath();
      ProcessBuilder builder =
          new ProcessBuilder(command(overrides.containsKey(RecordingWorkerMain.RUN_LOG)))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
      builder.environment().clear();
      builder.environment().putAll(environment());
      try {
        Files.createDirectories(LOG_DIR);
        return new WorkerProcess(id, builder.start(), log);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start worker " + id, e);
      }
    }

    private static List<String> command(boolean recording) {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      // A small heap and the quick compiler: the workers share two cores with the test JVM.
      command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
      command.addAll(List.of("-cp", System.getProperty("java.class.path")));
      command.add((recording ? RecordingWorkerMain.class : WorkerMain.class).getName());
      return command;
    }
  }
}
