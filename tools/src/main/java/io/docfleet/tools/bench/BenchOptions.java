package io.docfleet.tools.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What one benchmark invocation does, read from its command line. Every option has a named default;
 * a bad value fails with a message that names the option and what it accepts.
 *
 * @param tasks tasks in the burst run (and in the paced run when {@code rate} is 0)
 * @param workers worker processes to start
 * @param concurrency {@code WORKER_CONCURRENCY} of each worker
 * @param taskType {@code noop} or {@code sleep}
 * @param sleepMs {@code payload.ms} of sleep tasks
 * @param rate offered tasks/s of the paced run; 0 enqueues as fast as possible
 * @param seconds how long the paced run offers tasks
 * @param warmup tasks run before anything is measured
 * @param census tasks of the MONITOR run that splits commands into top-level and in-script; 0 skips
 * @param batch tasks per submit call
 * @param runs the measured runs, among {@code burst} and {@code paced}
 * @param redisUrl an existing Redis to use; empty starts a private one on a free loopback port
 * @param cluster start a private three-primary Redis Cluster instead of one server
 * @param workerJavaOptions JVM options for the worker processes, split on spaces
 * @param jar the worker jar the workers run
 * @param logDir where the worker processes' logs go
 * @param laneProbes high tasks pushed one at a time while {@code tasks} normal ones drain; 0 skips
 * @param lowShare normal and low tasks (this many each) of the low-share run; 0 skips it
 * @param groupFairness tasks of group a queued ahead of group b's 20 in the group fairness run; 0
 *     skips it
 * @param groupLimit every group's limit in the group limit run; 0 skips it
 */
record BenchOptions(
    int tasks,
    int workers,
    int concurrency,
    String taskType,
    int sleepMs,
    int rate,
    int seconds,
    int warmup,
    int census,
    int batch,
    List<String> runs,
    Optional<String> redisUrl,
    boolean cluster,
    List<String> workerJavaOptions,
    Path jar,
    Path logDir,
    int laneProbes,
    int lowShare,
    int groupFairness,
    int groupLimit) {

  static final String USAGE =
      """
      usage: scripts/bench-queue [options]
        --tasks N          tasks in the burst run (default 200000)
        --workers N        worker processes (default 1)
        --concurrency N    WORKER_CONCURRENCY of each worker (default 256)
        --type T           noop (default) or sleep
        --sleep-ms MS      payload.ms of sleep tasks (default 1)
        --rate R           offered tasks/s of the paced run; 0 = as fast as possible (default 5000)
        --seconds S        length of the paced run (default 10)
        --warmup N         tasks run before measuring (default 300000: about ten seconds, for the
                           worker JVM's JIT compiler to finish on two cores)
        --census N         tasks of the MONITOR run splitting top-level and in-script commands
                           (default 2000; 0 skips it)
        --batch N          tasks per submit call (default 500)
        --runs LIST        burst,paced (default both)
        --redis-url URL    use this Redis (CONFIG RESETSTAT runs on it!); default: start a private
                           redis-server on a free loopback port
        --cluster          start a private Redis Cluster of three primaries on free loopback
                           ports (redis-server and redis-cli on PATH) and run there; Redis
                           figures are summed over the primaries
        --worker-java-opts "OPTS"   JVM options of the workers (default none)
        --jar PATH         the worker jar (default worker/target/docfleet-worker.jar)
        --log-dir DIR      worker logs (default worker/target/bench-logs)
        --lane-probes N    after the other runs: N high tasks pushed one at a time (LPUSH
                           {tasks:<type>}:high, one every 50 ms) while --tasks normal ones drain;
                           reports their enqueue-to-start p50/p99/max (default 0: skipped)
        --low-share N      after the other runs: N normal and N low tasks queued together; reports
                           low and normal tasks/s while the normal lane had work (default 0)
        --group-fairness N after the other runs: N webhook tasks of group a queued (paused, then
                           resumed) and, once a tenth of them were delivered, group b's 20 behind
                           the rest, to a receiver of the benchmark's own that records the order
                           of the deliveries; reports how many of a's completed between b's submit
                           and b's last completion (those already started at b's submit, up to
                           --concurrency, included and counted) and b's submit-to-complete p50/max
                           (default 0: skipped; meant for --workers 1)
        --group-limit N    after the other runs: every group limited to N in flight at once, 2000
                           webhook tasks of groups g1..g4 to a receiver that holds each request
                           20 ms; reports each group's most requests in progress at once against
                           N, tasks/s, and deliveries seen twice or never (default 0: skipped)
      """;

  static BenchOptions parse(String[] args) {
    BenchArguments p = new BenchArguments(args);
    return new BenchOptions(
            p.positive("--tasks", 200_000),
            p.positive("--workers", 1),
            p.positive("--concurrency", 256),
            p.choice("--type", "noop", List.of("noop", "sleep")),
            p.atLeastZero("--sleep-ms", 1),
            p.atLeastZero("--rate", 5_000),
            p.positive("--seconds", 10),
            p.atLeastZero("--warmup", 300_000),
            p.atLeastZero("--census", 2_000),
            p.positive("--batch", 500),
            runs(p, "--runs"),
            p.string("--redis-url"),
            p.flag("--cluster"),
            p.string("--worker-java-opts").map(BenchOptions::words).orElse(List.of()),
            Path.of(p.string("--jar").orElse("worker/target/docfleet-worker.jar")),
            Path.of(p.string("--log-dir").orElse("worker/target/bench-logs")),
            p.atLeastZero("--lane-probes", 0),
            p.atLeastZero("--low-share", 0),
            p.atLeastZero("--group-fairness", 0),
            p.atLeastZero("--group-limit", 0))
        .checked(p);
  }

  private static List<String> words(String text) {
    return text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
  }

  private static List<String> runs(BenchArguments p, String name) {
    List<String> runs = List.of(p.string(name).orElse("burst,paced").split(","));
    for (String run : runs) {
      if (!run.equals("burst") && !run.equals("paced")) {
        throw new IllegalArgumentException(name + ": expected burst and/or paced, got " + run);
      }
    }
    return runs;
  }

  boolean runs(String run) {
    return runs.contains(run);
  }

  /** True when a group run is asked for: the workers serve {@code webhook} tasks too. */
  boolean groupRuns() {
    return groupFairness > 0 || groupLimit > 0;
  }

  /** Tasks of the paced run. */
  int pacedTasks() {
    return rate == 0 ? tasks : (int) Math.min(Integer.MAX_VALUE, (long) rate * seconds);
  }

  private BenchOptions checked(BenchArguments p) {
    p.rejectLeftovers();
    if (cluster && redisUrl.isPresent()) {
      throw new IllegalArgumentException(
          "--cluster starts a private cluster: give it or --redis-url, not both");
    }
    return this;
  }
}
