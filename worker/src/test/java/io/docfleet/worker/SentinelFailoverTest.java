package io.docfleet.worker;

import static io.docfleet.worker.Eventually.eventually;
import static io.docfleet.worker.WorkerProcess.aWorker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.docfleet.queue.QueueCounter;
import io.docfleet.queue.QueueStats;
import io.docfleet.task.Priority;
import io.docfleet.testing.LocalRedisSentinel;
import io.docfleet.testing.SlowTest;
import io.docfleet.testing.TestRedis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RedissonClient;

/**
 * The primary behind the sentinels is killed (SIGKILL) in the middle of a run of a few thousand
 * short tasks on two worker JVMs ({@code REDIS_MODE=sentinel}). The sentinels promote the replica;
 * the workers find it by themselves (no restart) and every task runs, none twice, and is recorded
 * completed on the new primary (the completions waited for the replica). Runs are counted outside
 * Redis ({@link RecordingWorkerMain} appends each task id to a file), because the failover may lose
 * counters the old primary had not replicated.
 *
 * <p>The workers' {@code WORKER_TTL} is longer than the failover takes, as docs/redis-topologies.md
 * asks: a worker whose heartbeat key outlived the outage is not reaped while it still runs its
 * tasks.
 */
@SlowTest
class SentinelFailoverTest {
  private static final int TASKS = 2500;
  private static final Pattern RETURNED =
      Pattern.compile("(\\d+) in-flight tasks of sleep were in this worker's list but not running");

  @RegisterExtension final WorkerProcesses workers = new WorkerProcesses();
  private LocalRedisSentinel sentinel;
  private RedissonClient client;
  private TestFleet fleet;
  private Path runLog;

  @BeforeEach
  void startSentinelsAndPrimary() throws IOException {
    assumeThat(LocalRedisSentinel.available()).as("redis-server and redis-cli installed").isTrue();
    sentinel = LocalRedisSentinel.start();
    client = TestRedis.connect(sentinel.env());
    fleet = TestFleet.onSentinel(sentinel, client, "failover");
    runLog = Files.createTempFile("docfleet-runs", ".log");
  }

  @AfterEach
  void stopEverything() throws IOException {
    workers.killAll();
    if (client != null) {
      client.shutdown();
    }
    if (sentinel != null) {
      sentinel.close();
    }
    if (runLog != null) {
      Files.deleteIfExists(runLog);
    }
  }

  @Test
  void afterThePrimaryDiesMidRunEveryTaskRunsExactlyOnceAndTheWorkersCarryOn() {
    WorkerProcess first = workers.start(recordingWorker("first"));
    WorkerProcess second = workers.start(recordingWorker("second"));
    eventually().until(() -> fleet.isRegistered(first.id()) && fleet.isRegistered(second.id()));
    // in all three priority lanes and in groups (one limited to two in flight): the claims share
    // them out, the orphan sweep returns each to its own lane and group
    fleet.limitGroup("g1", 2);
    List<String> tasks =
        fleet.submitSleepTasks(
            "task",
            TASKS,
            n -> Duration.ofMillis(2 + n % 5),
            n -> Priority.values()[n % 3],
            n -> n % 4 == 0 ? null : "g" + n % 3);

    eventually().until(() -> runs().size() >= TASKS / 5);
    // no timing is asserted: the figures below are printed for docs/redis-topologies.md and the
    // report
    int inFlightAtKill =
        fleet.inFlightTaskIds(first.id()).size() + fleet.inFlightTaskIds(second.id()).size();
    long killedAt = System.currentTimeMillis();
    sentinel.killPrimary();
    int runsAtKill = taskIds(runs()).size();
    sentinel.awaitFailover(Duration.ofSeconds(60));
    long failoverMillis = System.currentTimeMillis() - killedAt;

    eventually()
        .until(() -> new HashSet<>(taskIds(runs())).size() == TASKS && fleet.sleepQueueIsEmpty());
    long allDoneMillis = System.currentTimeMillis() - killedAt;

    List<String> runs = taskIds(runs());
    assertThat(runsAtKill).as("runs when the primary died").isLessThan(TASKS);
    assertThat(timesRun(runs))
        .as("tasks that ran more than once")
        .allSatisfy((id, times) -> assertThat(times).isEqualTo(1));
    assertThat(new HashSet<>(runs)).as("tasks that ran").isEqualTo(new HashSet<>(tasks));
    assertThat(runs).as("runs").hasSize(TASKS);
    assertThat(first.isAlive() && second.isAlive()).as("both workers still run").isTrue();
    eventually().until(() -> fleet.isRegistered(first.id()) && fleet.isRegistered(second.id()));
    QueueStats queue = fleet.sleepQueue();
    assertThat(queue.dead()).as("dead letters").isZero();
    assertThat(fleet.groupsNotIdle()).as("groups with tasks or owed turns left").isEmpty();
    // every completion was acknowledged by the replica before its worker counted it done
    assertThat(fleet.assignmentStatuses(tasks))
        .as("each task's record on the new primary")
        .allSatisfy((id, status) -> assertThat(status).isEqualTo("completed"));

    System.out.printf(
        "sentinel failover: %d tasks, %d had run and %d were in flight when the primary was"
            + " killed; the sentinels named the replica %d ms after the kill; no task started for"
            + " %d ms (the longest gap after the kill); every task had run %d ms after the kill;"
            + " on the new primary: completed=%d returned=%d"
            + " stale=%d duplicates=%d; returned by the live workers"
            + " (orphan sweep): %d%n",
        TASKS,
        runsAtKill,
        inFlightAtKill,
        failoverMillis,
        longestGapAfter(killedAt),
        allDoneMillis,
        queue.counter(QueueCounter.COMPLETED),
        queue.counter(QueueCounter.RETURNED),
        queue.counter(QueueCounter.STALE),
        queue.counter(QueueCounter.DUPLICATES),
        returnedBy(first) + returnedBy(second));
  }

  private WorkerProcess.Spec recordingWorker(String id) {
    return aWorker(id)
        .against(fleet)
        .concurrency(8)
        .recordingRunsTo(runLog)
        .with("HEARTBEAT_INTERVAL", "500ms")
        // longer than the failover: down-after-milliseconds (1 s), election and promotion
        .with("WORKER_TTL", "20s")
        .with("REAPER_INTERVAL", "500ms");
  }

  private List<RecordingWorkerMain.Run> runs() {
    return RecordingWorkerMain.runs(runLog);
  }

  private static List<String> taskIds(List<RecordingWorkerMain.Run> runs) {
    return runs.stream().map(RecordingWorkerMain.Run::taskId).toList();
  }

  /** The longest time without a run starting, from the kill until the last run. */
  private long longestGapAfter(long killedAt) {
    long previous = killedAt;
    long longest = 0;
    for (long start :
        runs().stream().mapToLong(RecordingWorkerMain.Run::startedAtMillis).sorted().toArray()) {
      if (start >= killedAt) {
        longest = Math.max(longest, start - previous);
        previous = start;
      }
    }
    return longest;
  }

  private static Map<String, Long> timesRun(List<String> runs) {
    return runs.stream()
        .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
  }

  private static long returnedBy(WorkerProcess worker) {
    long returned = 0;
    Matcher matcher = RETURNED.matcher(worker.output());
    while (matcher.find()) {
      returned += Long.parseLong(matcher.group(1));
    }
    return returned;
  }
}
