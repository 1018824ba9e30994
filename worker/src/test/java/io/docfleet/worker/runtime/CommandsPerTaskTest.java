package io.docfleet.worker.runtime;

import static io.docfleet.testing.Tasks.tasks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.docfleet.config.Env;
import io.docfleet.config.FleetConfig;
import io.docfleet.config.FleetConfig.QueueSettings;
import io.docfleet.localservers.LocalRedis;
import io.docfleet.queue.BeginResult;
import io.docfleet.queue.QueueCounter;
import io.docfleet.queue.QueueInspector;
import io.docfleet.queue.TaskRecord;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.RedisKeys;
import io.docfleet.task.TaskCodec;
import io.docfleet.testing.TestRedis;
import io.docfleet.worker.handler.HandlerRegistry;
import io.docfleet.worker.queue.ClaimedItem;
import io.docfleet.worker.queue.RunEnds;
import io.docfleet.worker.queue.WorkerQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNode;
import org.redisson.api.redisnode.RedisNodes;

/**
 * What a task costs in Redis commands, as {@code INFO commandstats} counts them (a script's own
 * commands and the EVALSHA that runs it alike), on a private single Redis; {@link
 * CommandsPerTaskOnClusterTest} counts the same on a three-primary cluster. Counting commands is no
 * timing: the same steps cost the same commands on any machine. A batch of runs costs exactly the
 * commands listed below on every topology; a whole worker's figure is printed for the benchmark
 * notes.
 */
class CommandsPerTaskTest {
  /** Commands a client or Redisson sends on its own schedule, not per task. */
  private static final Set<String> BACKGROUND =
      Set.of("info", "cluster", "ping", "client", "hello", "select", "readonly", "config", "role");

  private static LocalRedis server;
  private static RedissonClient single;

  @BeforeAll
  static void startAPrivateRedis() {
    // a private server: nothing but this test's steps reaches its counters
    server = LocalRedis.startPrivate();
    single = TestRedis.connect(server.url());
  }

  @AfterAll
  static void stopIt() {
    single.shutdown();
    server.close();
  }

  /** The Redis the tasks run on. */
  RedissonClient redis() {
    return single;
  }

  /** The topology, as the figures are printed. */
  String topology() {
    return "a single Redis";
  }

  @Test
  void aBatchOfFiftyRunsCostsEightCommandsATaskPlusEightABatch() {
    FleetContext fleet = fleet("batch");
    WorkerQueue queue = new WorkerQueue(fleet, "noop", "w1");
    runBatch(fleet, queue, "warm", 1); // the scripts reach the primary that serves the queue
    Map<String, Long> before = commands();

    List<ClaimedItem> runs = runBatch(fleet, queue, "t", 50);

    assertThat(runs).hasSize(50).allMatch(run -> run.begun().equals(BeginResult.started(1)));
    Map<String, Long> spent = since(before);
    System.out.printf("commands for a batch of 50 runs on %s: %s%n", topology(), spent);
    // per task: LPUSH (submit); LMOVE, EXISTS, HSET, PEXPIRE (claim); LREM, HDEL, PUBLISH
    // (complete). Per batch: the three EVALSHAs; SADD and HINCRBY (submit); EXISTS of the pauses
    // (the type's and its lanes', one call), LLEN of the high and low lanes (both empty: the
    // normal lane is claimed as before lanes), HMGET and HSET of the records, ZADD of their expiry
    // (claim); HSET, ZADD, HINCRBY (complete)
    assertThat(spent)
        .containsExactlyInAnyOrderEntriesOf(
            Map.ofEntries(
                Map.entry("evalsha", 3L),
                Map.entry("lpush", 50L),
                Map.entry("sadd", 1L),
                Map.entry("hincrby", 2L),
                Map.entry("exists", 51L),
                Map.entry("lmove", 50L),
                Map.entry("llen", 2L),
                Map.entry("hmget", 1L),
                Map.entry("hset", 52L),
                Map.entry("pexpire", 50L),
                Map.entry("zadd", 2L),
                Map.entry("lrem", 50L),
                Map.entry("hdel", 50L),
                Map.entry("publish", 50L)));
    assertThat(total(spent) / 50.0).as("commands per task").isLessThanOrEqualTo(9.0);
  }

  @Test
  void aWorkerRunningNoopTasksCostsAtMostNineCommandsATask() {
    int count = 5_000;
    FleetContext fleet = fleet("worker");
    TaskSubmitter submitter = new TaskSubmitter(fleet, QueueSettings.defaults());
    Worker worker = startWorker(fleet);
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> registered(fleet, worker.id()));
      Map<String, Long> before = commands();
      long usecBefore = scriptMicros();
      for (int from = 0; from < count; from += 500) {
        submitter.submitAll(tasks("noop", "t" + from, 500));
      }
      await()
          .atMost(Duration.ofSeconds(120))
          .until(
              () ->
                  new QueueInspector(fleet).stats("noop").counter(QueueCounter.COMPLETED) == count);
      Map<String, Long> spent = since(before);
      double perTask = total(spent) / (double) count;
      // Redis's own time in the scripts (commandstats usec of EVALSHA, their inner commands
      // included): printed for the notes, never asserted (the machine may be busy)
      double micros = (scriptMicros() - usecBefore) / (double) count;
      System.out.printf(
          "a worker (concurrency 50) running %d noop tasks on %s: %.2f commands a task (%s),"
              + " %.1f us of Redis time in scripts a task%n",
          count, topology(), perTask, perTaskOf(spent, count), micros);
      assertThat(perTask).as("commands per task").isLessThanOrEqualTo(9.0);
    } finally {
      worker.drain();
    }
  }

  /** Submits, claims and completes {@code count} tasks, one call each; returns the runs. */
  private static List<ClaimedItem> runBatch(
      FleetContext fleet, WorkerQueue queue, String name, int count) {
    new TaskSubmitter(fleet, QueueSettings.defaults()).submitAll(tasks("noop", name, count));
    List<ClaimedItem> runs = queue.claim(count).toCompletableFuture().join().items();
    List<Boolean> completed =
        queue
            .ends()
            .completeAll(
                runs.stream()
                    .map(
                        run ->
                            new RunEnds.Completion(
                                run,
                                TaskRecord.completed(
                                        "w1", 1, run.startedAt(), run.startedAt(), null)
                                    .toJson()))
                    .toList())
            .toCompletableFuture()
            .join();
    assertThat(completed).hasSize(count).containsOnly(true);
    return runs;
  }

  private Worker startWorker(FleetContext fleet) {
    FleetConfig config =
        FleetConfig.fromEnv(
            new Env(
                Map.of(
                    "WORKER_ID", "counted",
                    "WORKER_TASK_TYPES", "noop",
                    "WORKER_CONCURRENCY", "50",
                    "DOCFLEET_KEY_PREFIX", fleet.keys().prefix())));
    Worker worker = new Worker(fleet, config, HandlerRegistry.withBuiltins());
    worker.start();
    return worker;
  }

  private static boolean registered(FleetContext fleet, String id) {
    return fleet.redis().getMap(fleet.keys().worker(id)).isExists();
  }

  private FleetContext fleet(String name) {
    return new FleetContext(
        redis(), new RedisKeys(TestRedis.uniquePrefix(name)), new TaskCodec(), Clock.systemUTC());
  }

  /** Calls of each command so far, summed over the primaries. */
  private Map<String, Long> commands() {
    Map<String, Long> calls = new TreeMap<>();
    for (RedisNode node : primaries()) {
      node.info(RedisNode.InfoSection.COMMANDSTATS)
          .forEach(
              (stat, value) -> {
                String command = stat.replace("cmdstat_", "");
                if (!BACKGROUND.contains(command.split("\\|")[0])) {
                  calls.merge(command, field(value, "calls="), Long::sum);
                }
              });
    }
    return calls;
  }

  /** Redis's time in EVALSHA so far (microseconds), summed over the primaries. */
  private long scriptMicros() {
    long micros = 0;
    for (RedisNode node : primaries()) {
      String value = node.info(RedisNode.InfoSection.COMMANDSTATS).get("cmdstat_evalsha");
      micros += value == null ? 0 : field(value, "usec=");
    }
    return micros;
  }

  private List<RedisNode> primaries() {
    return redis().getConfig().isClusterConfig()
        ? List.copyOf(redis().getRedisNodes(RedisNodes.CLUSTER).getMasters())
        : List.of(redis().getRedisNodes(RedisNodes.SINGLE).getInstance());
  }

  private Map<String, Long> since(Map<String, Long> before) {
    Map<String, Long> spent = new TreeMap<>();
    commands()
        .forEach(
            (command, calls) -> {
              long delta = calls - before.getOrDefault(command, 0L);
              if (delta > 0) {
                spent.put(command, delta);
              }
            });
    return spent;
  }

  /** A number of a commandstats line: {@code calls=12,usec=340,...}. */
  private static long field(String value, String name) {
    for (String part : value.split(",")) {
      if (part.startsWith(name)) {
        return Long.parseLong(part.substring(name.length()));
      }
    }
    return 0;
  }

  private static long total(Map<String, Long> spent) {
    return spent.values().stream().mapToLong(Long::longValue).sum();
  }

  private static Map<String, String> perTaskOf(Map<String, Long> spent, int tasks) {
    Map<String, String> each = new TreeMap<>();
    spent.forEach(
        (command, calls) -> each.put(command, String.format("%.3f", calls / (double) tasks)));
    return each;
  }
}
