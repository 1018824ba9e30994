package io.docfleet.tools.bench;

import io.docfleet.tools.bench.WorkerProcesses.Role;
import io.docfleet.worker.WorkerMain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pipeline benchmark's worker processes: one per entry of {@link #TYPES}, started from the
 * benchmark's own class path, each with a connection pool sized for its task types.
 */
final class PipelineWorkers {
  /** The task types of each worker process the bench starts, one process each. */
  static final List<String> TYPES = List.of("ocr", "entities,structured");

  /** How often the workers write their cache counters to Redis. */
  static final Duration METRICS_INTERVAL = Duration.ofSeconds(1);

  private PipelineWorkers() {}

  /**
   * What the workers run with: the Redis of {@code redisEnv}, the run's key prefix, the corpus
   * {@code folder} as their only file root, and the benchmark's options.
   */
  static Map<String, String> environment(
      PipelineBenchOptions options, Map<String, String> redisEnv, String prefix, Path folder) {
    Map<String, String> environment = new LinkedHashMap<>(redisEnv);
    environment.put("DOCFLEET_KEY_PREFIX", prefix);
    environment.put("DOCFLEET_FILE_ROOTS", folder.toString());
    environment.put("WORKER_CONCURRENCY", Integer.toString(options.concurrency()));
    environment.put("OCR_ENGINE", options.ocrEngine());
    // A late cache read counts as a miss and costs a provider call; on a shared two-core machine
    // 250 ms is sometimes missed while the workers start, which is noise here, not the subject.
    environment.put("CACHE_TIMEOUT", "2s");
    environment.put("CACHE_METRICS_INTERVAL", METRICS_INTERVAL.toMillis() + "ms");
    return environment;
  }

  /** Starts the workers on {@code environment} (not yet registered: see WorkerProcesses). */
  static WorkerProcesses start(PipelineBenchOptions options, Map<String, String> environment) {
    long pid = ProcessHandle.current().pid();
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            WorkerMain.class.getName());
    List<Role> roles = new ArrayList<>();
    for (String types : TYPES) {
      Map<String, String> env = new HashMap<>(environment);
      env.put("WORKER_TASK_TYPES", types);
      env.put("DATABASE_POOL_SIZE", Integer.toString(options.poolSizeFor(types.split(",").length)));
      roles.add(new Role("bench-" + types.substring(0, 3) + "-" + pid, env));
    }
    return WorkerProcesses.start(command, options.logDir(), roles);
  }

  /** The log line that says how the workers run. */
  /** Each worker's peak resident memory in KiB, by the task types it serves. */
  static Map<String, Long> peakRssKibByTypes(WorkerProcesses workers) {
    Map<String, Long> peakRss = new HashMap<>();
    List<Long> peaks = workers.peakRssKib();
    for (int i = 0; i < TYPES.size(); i++) {
      peakRss.put(TYPES.get(i), peaks.get(i));
    }
    return peakRss;
  }

  static String described(PipelineBenchOptions options) {
    return String.format(
        "bench-pipeline: 2 workers (ocr; entities,structured) x concurrency %d, pools of %d and %d"
            + " connections, OCR_ENGINE=%s, logs in %s%n",
        options.concurrency(),
        options.poolSizeFor(1),
        options.poolSizeFor(2),
        options.ocrEngine(),
        options.logDir().toAbsolutePath());
  }
}
