package io.docfleet.tools.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.config.FleetConfig.QueueSettings;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.RedisConnector;
import io.docfleet.redis.RedisKeys;
import io.docfleet.task.TaskCodec;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.redisson.api.RedissonClient;
import org.redisson.api.options.KeysScanOptions;

/**
 * Benchmarks the queue end to end: real worker processes, tasks submitted with {@link
 * TaskSubmitter}, and figures read from Redis itself (assignment records, {@code INFO
 * commandstats}). By default it starts a private {@code redis-server} on a free loopback port so
 * that the server's counters see only the benchmark's traffic; {@code --cluster} starts a private
 * three-primary cluster instead and sums the primaries' counters. {@code scripts/bench-queue}
 * builds the jar and runs this; {@link BenchOptions#USAGE} lists the options.
 */
public final class QueueBenchmark {
  private final BenchOptions options;

  private QueueBenchmark(BenchOptions options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    if (Arrays.asList(args).contains("--help")) {
      System.out.print(BenchOptions.USAGE);
      return;
    }
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench-queue: " + e.getMessage());
      System.err.print(BenchOptions.USAGE);
      System.exit(2);
      return;
    }
    new QueueBenchmark(options).run();
    System.exit(0);
  }

  private void run() throws InterruptedException {
    BenchRedis benchRedis = BenchRedis.open(options);
    String prefix = "bench:" + ProcessHandle.current().pid() + ":";
    RedisKeys keys = new RedisKeys(prefix);
    RedissonClient redis = RedisConnector.connect(benchRedis.settings(), "docfleet-bench");
    FleetContext fleet = new FleetContext(redis, keys, new TaskCodec(), Clock.systemUTC());
    ServerStats server = new ServerStats(benchRedis.nodes());
    String redisText = server.version() + " " + benchRedis.description();
    System.err.printf(
        "bench-queue: Redis %s, %d worker(s) x concurrency %d, type %s%n",
        redisText, options.workers(), options.concurrency(), options.taskType());
    WorkerProcesses workers = WorkerProcesses.start(options, benchRedis.env(), prefix);
    List<RunResult> results = new ArrayList<>();
    Optional<BenchReport.Census> census = Optional.empty();
    List<Consumer<PrintStream>> laneReports = new ArrayList<>();
    List<Long> rss;
    GroupResults groups = GroupResults.none();
    try {
      workers.awaitRegistered(redis, keys, Duration.ofSeconds(60));
      BenchTarget target =
          new BenchTarget(
              redis,
              benchRedis.nodes(),
              keys,
              options.taskType(),
              new Enqueuer(
                  new TaskSubmitter(fleet, QueueSettings.defaults()),
                  options.taskType(),
                  payload(),
                  options.batch(),
                  fleet.clock()),
              new QueueProgress(redis, keys, options.taskType()),
              server,
              workers,
              new AssignmentReadback(fleet, options.taskType()));
      MeasuredRuns runs = new MeasuredRuns(target);
      if (options.warmup() > 0) {
        System.err.printf("bench-queue: warming up with %d tasks%n", options.warmup());
        runs.warmUp(options.warmup());
      }
      if (options.runs("burst")) {
        System.err.printf("bench-queue: burst run, %d tasks prefilled%n", options.tasks());
        results.add(runs.burst(options.tasks()));
      }
      if (options.runs("paced")) {
        System.err.printf(
            "bench-queue: paced run, %d tasks at %s tasks/s%n",
            options.pacedTasks(), options.rate() == 0 ? "max" : options.rate());
        results.add(runs.paced(options.pacedTasks(), options.rate()));
      }
      if (options.census() > 0) {
        System.err.printf("bench-queue: MONITOR census, %d tasks%n", options.census());
        census = Optional.of(runs.census(options.census()));
      }
      LaneRuns lanes = new LaneRuns(target, fleet);
      if (options.laneProbes() > 0) {
        System.err.printf(
            "bench-queue: lane probes, %d high tasks while %d normal ones drain%n",
            options.laneProbes(), options.tasks());
        laneReports.add(lanes.probes(options.tasks(), options.laneProbes())::print);
      }
      if (options.lowShare() > 0) {
        System.err.printf(
            "bench-queue: low share, %d normal and %d low%n",
            options.lowShare(), options.lowShare());
        laneReports.add(lanes.lowShare(options.lowShare())::print);
      }
      groups = groupRuns(target, fleet);
      rss = workers.peakRssKib();
    } finally {
      workers.stop(Duration.ofSeconds(40));
      if (benchRedis.shared()) {
        deleteKeys(redis, prefix);
      }
      server.close();
      redis.shutdown();
      benchRedis.close();
    }
    new BenchReport(options, redisText).print(System.out, results, census, rss, groups);
    laneReports.forEach(report -> report.accept(System.out));
    groups.print(System.out);
  }

  private GroupResults groupRuns(BenchTarget target, FleetContext fleet)
      throws InterruptedException {
    if (!options.groupRuns()) {
      return GroupResults.none();
    }
    try (GroupRuns runs = new GroupRuns(target, fleet, options.batch())) {
      Optional<GroupResults.Fairness> fairness = Optional.empty();
      if (options.groupFairness() > 0) {
        System.err.printf(
            "bench-queue: group fairness, %d tasks of group a, then %d of group b%n",
            options.groupFairness(), GroupRuns.LATE_TASKS);
        fairness =
            Optional.of(
                runs.fairness(options.groupFairness(), options.workers(), options.concurrency()));
      }
      Optional<GroupResults.Limit> limit = Optional.empty();
      if (options.groupLimit() > 0) {
        System.err.printf(
            "bench-queue: group limit %d, %d tasks of %d groups%n",
            options.groupLimit(), GroupRuns.LIMITED_TASKS, GroupRuns.LIMITED_GROUPS.size());
        limit = Optional.of(runs.limit(options.groupLimit(), options.workers()));
      }
      return new GroupResults(fairness, limit);
    }
  }

  private ObjectNode payload() {
    ObjectNode payload = JsonNodeFactory.instance.objectNode();
    if (options.taskType().equals("sleep")) {
      payload.put("ms", options.sleepMs());
    }
    return payload;
  }

  /** Leaves a shared Redis as it was: removes every key under this run's prefix. */
  private static void deleteKeys(RedissonClient redis, String prefix) {
    for (String pattern : new String[] {prefix + "*", "{" + prefix + "*"}) {
      for (String key : redis.getKeys().getKeys(KeysScanOptions.defaults().pattern(pattern))) {
        redis.getKeys().unlink(key);
      }
    }
  }
}
