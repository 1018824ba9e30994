package io.docfleet.tools.bench;

import io.docfleet.redis.RedisKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RedissonClient;

/**
 * The real worker processes a benchmark runs against: the worker's main class ({@code java -jar}
 * the worker jar, or from the benchmark's own class path), configured only through the environment
 * a deployment would set. Reads their peak RSS and CPU time from {@code /proc}, and stops them with
 * SIGTERM so they drain as in production.
 *
 * <p>Lifecycle: {@link #start}; {@link #awaitRegistered}; measurements; {@link #stop}.
 */
final class WorkerProcesses implements AutoCloseable {
  private static final long CLOCK_TICKS_PER_SECOND = 100;

  /** One started worker. */
  record Started(String id, Process process, Path log) {}

  private final List<Started> started;

  private WorkerProcesses(List<Started> started) {
    this.started = List.copyOf(started);
  }

  /** One worker to start: its id and the environment it adds to this process's. */
  record Role(String id, Map<String, String> environment) {
    Role {
      environment = Map.copyOf(environment);
    }
  }

  /**
   * The queue benchmark's workers: {@code java -jar} the worker jar, all serving one type (and
   * {@code webhook}, with a secret of this run's and 127.0.0.1 allowed, for the group runs), on the
   * Redis that {@code redisEnv} names ({@code REDIS_URL}, or {@code REDIS_MODE} and {@code
   * REDIS_NODES} of a cluster).
   */
  static WorkerProcesses start(
      BenchOptions options, Map<String, String> redisEnv, String keyPrefix) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(options.workerJavaOptions());
    command.add("-jar");
    command.add(options.jar().toString());
    List<Role> roles = new ArrayList<>();
    String webhookSecret = HexFormat.of().formatHex(randomBytes(16));
    for (int i = 1; i <= options.workers(); i++) {
      Map<String, String> environment = new HashMap<>(redisEnv);
      environment.put(
          "WORKER_TASK_TYPES",
          options.taskType() + (options.groupRuns() ? "," + GroupRuns.TYPE : ""));
      if (options.groupRuns()) {
        // the group runs' webhook tasks go to the benchmark's receiver on 127.0.0.1
        environment.put("WEBHOOK_SECRET", webhookSecret);
        environment.put("WEBHOOK_ALLOWED_HOSTS", "127.0.0.1");
      }
      environment.put("WORKER_CONCURRENCY", Integer.toString(options.concurrency()));
      environment.put("DOCFLEET_KEY_PREFIX", keyPrefix);
      roles.add(new Role("bench-worker-" + i + "-" + ProcessHandle.current().pid(), environment));
    }
    return start(command, options.logDir(), roles);
  }

  /**
   * Starts {@code command} (a java command line that runs the worker's main class) once per role,
   * with the role's id as {@code WORKER_ID}, logging to {@code <logDir>/<id>.log}.
   */
  static WorkerProcesses start(List<String> command, Path logDir, List<Role> roles) {
    List<Started> started = new ArrayList<>();
    try {
      Files.createDirectories(logDir);
      for (Role role : roles) {
        Path log = logDir.resolve(role.id() + ".log");
        ProcessBuilder builder =
            new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(role.environment());
        builder.environment().put("WORKER_ID", role.id());
        // Several workers on one host: no HTTP port each, unless the role names one.
        builder
            .environment()
            .put("WORKER_HTTP_PORT", role.environment().getOrDefault("WORKER_HTTP_PORT", "0"));
        started.add(new Started(role.id(), builder.start(), log));
      }
    } catch (IOException e) {
      new WorkerProcesses(started).stop(Duration.ZERO);
      throw new UncheckedIOException("cannot start a worker process", e);
    }
    return new WorkerProcesses(started);
  }

  /** Waits until every worker has written its registration (it claims right after). */
  void awaitRegistered(RedissonClient redis, RedisKeys keys, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Started worker : started) {
      while (!redis.getMap(keys.worker(worker.id())).isExists()) {
        if (!worker.process().isAlive()) {
          throw new IllegalStateException(
              "worker " + worker.id() + " exited; see its log " + worker.log());
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "worker "
                  + worker.id()
                  + " did not register in "
                  + timeout
                  + "; see "
                  + worker.log());
        }
        Thread.sleep(50);
      }
    }
  }

  List<Started> started() {
    return started;
  }

  /** Each worker's peak resident set (VmHWM) in KiB, read while it still runs. */
  List<Long> peakRssKib() {
    List<Long> peaks = new ArrayList<>();
    for (Started worker : started) {
      peaks.add(statusField(worker.process().pid(), "VmHWM:"));
    }
    return peaks;
  }

  /** CPU time (user + system) all workers have used so far, in microseconds. */
  long cpuMicros() {
    long ticks = 0;
    for (Started worker : started) {
      ticks += cpuTicks(worker.process().pid());
    }
    return ticks * 1_000_000 / CLOCK_TICKS_PER_SECOND;
  }

  /** SIGTERM to every worker, then waits up to {@code grace}; what is still alive is killed. */
  void stop(Duration grace) {
    started.forEach(worker -> worker.process().destroy());
    long deadline = System.nanoTime() + grace.toNanos();
    for (Started worker : started) {
      try {
        long left = Math.max(0, deadline - System.nanoTime());
        if (!worker.process().waitFor(left, TimeUnit.NANOSECONDS)) {
          worker.process().destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        worker.process().destroyForcibly();
      }
    }
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(40));
  }

  private static byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }

  private static long statusField(long pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
        }
      }
      return -1;
    } catch (IOException e) {
      return -1;
    }
  }

  private static long cpuTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // after the command name: state is field 3, utime field 14, stime field 15
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
