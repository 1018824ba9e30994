package io.docfleet.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.docfleet.config.FleetConfig;
import io.docfleet.queue.QueueCounter;
import io.docfleet.queue.QueueInspector;
import io.docfleet.queue.QueueStats;
import io.docfleet.queue.TaskAssignments;
import io.docfleet.queue.TaskRecord;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.redis.FleetContext;
import io.docfleet.task.Task;
import io.docfleet.testing.SlowTest;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import io.docfleet.worker.handler.RetryPolicy;
import io.docfleet.worker.handler.TaskHandler;
import io.docfleet.worker.handler.TaskOutcome;
import io.docfleet.worker.queue.WorkerQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RLock;
import org.redisson.api.options.KeysScanOptions;
import org.redisson.client.codec.StringCodec;

/**
 * A whole worker in this JVM against the real Redis: every guarantee of a run (lock, start record,
 * duplicate suppression, exact completion, stale detection, completion record, unlock) seen from
 * Redis. {@link WorkerRunsTasksOnClusterTest} runs the same tests on a Redis Cluster.
 */
@SlowTest
class WorkerRunsTasksTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("worker-runs");

  private static final Duration WAIT = Duration.ofSeconds(30);

  private String prefix;
  private FleetContext fleet;
  private TaskSubmitter submitter;
  private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
  private Worker worker;

  @BeforeEach
  void setUp() {
    prefix = redis().prefix();
    fleet = redis().context(Clock.systemUTC());
    submitter = new TaskSubmitter(fleet, FleetConfig.QueueSettings.defaults());
  }

  /** The Redis the tests run on, with the test's key prefix: the shared single one here. */
  TestRedisPrefix redis() {
    return redis;
  }

  @AfterEach
  void tearDown() {
    if (worker != null) {
      worker.drain();
    }
  }

  private void startWorker(String type, TaskHandler handler) {
    worker = TestWorkers.started(fleet, type, handler, Map.of());
  }

  private TaskHandler counting(TaskHandler inner) {
    return task -> {
      runs.computeIfAbsent(task.id(), id -> new AtomicInteger()).incrementAndGet();
      return inner.handle(task);
    };
  }

  /**
   * Starts a worker of {@code type} and one task "t0" whose handler waits, once running, until the
   * returned latch is counted down, then ends with {@code outcome}.
   */
  private CountDownLatch startHeldRun(String type, TaskOutcome outcome)
      throws InterruptedException {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    startWorker(
        type,
        counting(
            task -> {
              running.countDown();
              release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
              return outcome;
            }));
    submitter.submitAll(tasks(type, 1));
    assertThat(running.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    return release;
  }

  private List<Task> tasks(String type, int count) {
    List<Task> tasks = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      tasks.add(Task.of("t" + i, type, null));
    }
    return tasks;
  }

  private QueueStats stats(String type) {
    return new QueueInspector(fleet).stats(type);
  }

  @Test
  void runsEveryTaskOnceAndLeavesNothingBehind() {
    startWorker("fast", counting(task -> TaskOutcome.succeeded()));

    submitter.submitAll(tasks("fast", 500));

    await().atMost(WAIT).until(() -> stats("fast").counter(QueueCounter.COMPLETED) == 500);
    QueueStats stats = stats("fast");
    assertThat(stats.inFlight()).isZero();
    assertThat(stats.ready()).isZero();
    assertThat(stats.counter(QueueCounter.STALE)).isZero();
    assertThat(runs).hasSize(500).allSatisfy((id, count) -> assertThat(count.get()).isOne());
    for (int i = 0; i < 500; i++) {
      Map<String, String> record = new TaskAssignments(fleet).read("t" + i);
      assertThat(record).containsEntry("status", "completed").containsEntry("attempts", "1");
      assertThat(Long.parseLong(record.get("completed_at")))
          .isGreaterThanOrEqualTo(Long.parseLong(record.get("started_at")));
    }
    await()
        .atMost(WAIT)
        .until(
            () ->
                !fleet
                    .redis()
                    .getKeys()
                    .getKeys(
                        KeysScanOptions.defaults().pattern("{" + prefix + "tasks:fast}:lock:*"))
                    .iterator()
                    .hasNext());
  }

  @Test
  void anInlineHandlerRunsOffTheTypesPoolAndEveryGuaranteeStillHolds() {
    Map<String, String> threads = new ConcurrentHashMap<>();
    startWorker(
        "inline",
        new TaskHandler() {
          @Override
          public TaskOutcome handle(Task task) {
            threads.put(task.id(), Thread.currentThread().getName());
            return TaskOutcome.succeeded();
          }

          @Override
          public boolean runsInline() {
            return true;
          }
        });

    submitter.submitAll(tasks("inline", 200));

    await().atMost(WAIT).until(() -> stats("inline").counter(QueueCounter.COMPLETED) == 200);
    assertThat(threads)
        .hasSize(200)
        .allSatisfy((id, name) -> assertThat(name).doesNotStartWith("task-"));
    assertThat(stats("inline").inFlight()).isZero();
    assertThat(new TaskAssignments(fleet).read("t199")).containsEntry("status", "completed");
  }

  @Test
  void anItemInThisWorkersListThatItIsNotRunningIsReturnedAndRunsOnce() {
    // what a failover leaves: the item back in the live worker's list (its claim's reply, or its
    // retry, lost), and the worker's own lock on the task, whose release was lost
    submitter.submit(Task.of("t0", "fast", null));
    new WorkerQueue(fleet, "fast", TestWorkers.workerId(fleet))
        .claim(1)
        .toCompletableFuture()
        .join();

    startWorker("fast", counting(task -> TaskOutcome.succeeded()));

    await().atMost(WAIT).until(() -> stats("fast").counter(QueueCounter.COMPLETED) == 1);
    assertThat(runs).containsOnlyKeys("t0");
    assertThat(runs.get("t0").get()).isOne();
    assertThat(stats("fast").counter(QueueCounter.RETURNED)).isEqualTo(1);
    assertThat(stats("fast").inFlight()).isZero();
    assertThat(worker.stats().returned()).isEqualTo(1);
  }

  @Test
  void aTaskThatAlreadyCompletedIsDroppedWithoutRunning() {
    fleet
        .redis()
        .getMap(fleet.keys().runs().assignments("fast"), StringCodec.INSTANCE)
        .put("t0", TaskRecord.completed("w0", 1, 1, 2, null).toJson());
    startWorker("fast", counting(task -> TaskOutcome.succeeded()));

    submitter.submitAll(tasks("fast", 1));

    await().atMost(WAIT).until(() -> stats("fast").counter(QueueCounter.DUPLICATES) == 1);
    assertThat(runs).isEmpty();
    assertThat(stats("fast").inFlight()).isZero();
    assertThat(worker.stats().duplicates()).isOne();
  }

  @Test
  void aTaskLockedByAnotherRunIsDroppedWithoutRunning() throws InterruptedException {
    RLock held = fleet.redis().getLock(fleet.keys().runs().lock("fast", "t0"));
    assertThat(held.tryLock(1, TimeUnit.SECONDS)).isTrue();
    try {
      startWorker("fast", counting(task -> TaskOutcome.succeeded()));

      submitter.submitAll(tasks("fast", 1));

      await().atMost(WAIT).until(() -> stats("fast").counter(QueueCounter.DUPLICATES) == 1);
      assertThat(runs).isEmpty();
    } finally {
      held.unlock();
    }
  }

  @Test
  void aFailedAttemptIsScheduledAgainWithItsAttemptCounted() {
    startWorker("flaky", counting(task -> new TaskOutcome.RetryLater("not yet")));

    submitter.submitAll(tasks("flaky", 3));

    await().atMost(WAIT).until(() -> stats("flaky").delayed() == 3);
    QueueStats stats = stats("flaky");
    assertThat(stats.inFlight()).isZero();
    assertThat(stats.counter(QueueCounter.RETRIED)).isEqualTo(3);
    assertThat(new TaskAssignments(fleet).read("t1"))
        .containsEntry("status", "retrying")
        .containsEntry("attempts", "1");
  }

  @Test
  void aTaskTypeWithItsOwnRetryPolicyIsDeadLetteredWhenItsOwnAttemptsRunOut() {
    startWorker(
        "brittle",
        new TaskHandler() {
          @Override
          public TaskOutcome handle(Task task) {
            runs.computeIfAbsent(task.id(), id -> new AtomicInteger()).incrementAndGet();
            throw new IllegalStateException("broken");
          }

          @Override
          public RetryPolicy retryPolicy(RetryPolicy standard) {
            return standard.withoutRetries();
          }
        });

    submitter.submitAll(tasks("brittle", 1));

    await().atMost(WAIT).until(() -> stats("brittle").dead() == 1);
    assertThat(runs.get("t0")).hasValue(1);
    assertThat(stats("brittle").counter(QueueCounter.RETRIED)).isZero();
    assertThat(stats("brittle").delayed()).isZero();
    assertThat(new TaskAssignments(fleet).read("t0"))
        .containsEntry("status", "dead")
        .containsEntry("last_error", "failed 1 of 1 attempts, last: IllegalStateException: broken");
  }

  @Test
  void aTaskThatPollsLaterComesBackWithWhatItLearnedAndWithoutUsingAnAttempt() {
    startWorker(
        "waiting",
        counting(
            task -> {
              int seen = task.payload().path("seen").asInt(0);
              if (seen < 2) {
                return TaskOutcome.pollLater(
                    Duration.ofMillis(10),
                    "job still running",
                    task.payload().deepCopy().put("seen", seen + 1));
              }
              return TaskOutcome.succeeded();
            }));

    submitter.submitAll(tasks("waiting", 1).stream().map(t -> t.withMaxAttempts(1)).toList());

    await().atMost(WAIT).until(() -> stats("waiting").counter(QueueCounter.COMPLETED) == 1);
    assertThat(runs.get("t0")).hasValue(3);
    QueueStats stats = stats("waiting");
    assertThat(stats.counter(QueueCounter.POLLS_SCHEDULED)).isEqualTo(2);
    assertThat(stats.counter(QueueCounter.RETRIED)).isZero();
    assertThat(stats.counter(QueueCounter.FAILED)).isZero();
    assertThat(stats.delayed()).isZero();
    assertThat(worker.stats().pollsScheduled()).isEqualTo(2);
    assertThat(new TaskAssignments(fleet).read("t0"))
        .containsEntry("status", "completed")
        .containsEntry("attempts", "1");
  }

  @Test
  void aTaskWhoseAttemptsRanOutElsewhereIsDeadLetteredAndItsHandlerIsTold() {
    List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
    startWorker(
        "orphan",
        new TaskHandler() {
          @Override
          public TaskOutcome handle(Task task) {
            runs.computeIfAbsent(task.id(), id -> new AtomicInteger()).incrementAndGet();
            return TaskOutcome.succeeded();
          }

          @Override
          public void gaveUp(Task task, String reason) {
            told.add(task.id() + ": " + reason);
          }
        });

    // five attempts already made, by workers that stopped while running it
    submitter.submit(Task.of("t-orphan", "orphan", null).withAttempt(5));

    await().atMost(WAIT).until(() -> stats("orphan").dead() == 1);
    assertThat(told).singleElement().asString().startsWith("t-orphan: gave up after 5 attempts");
    assertThat(runs).isEmpty();
  }

  @Test
  void aHandlerThatCannotRecordItsTasksEndDoesNotKeepTheTaskFromTheDeadLetterList() {
    startWorker(
        "orphan",
        new TaskHandler() {
          @Override
          public TaskOutcome handle(Task task) {
            runs.computeIfAbsent(task.id(), id -> new AtomicInteger()).incrementAndGet();
            return TaskOutcome.succeeded();
          }

          @Override
          public void gaveUp(Task task, String reason) {
            throw new IllegalStateException("the document store is down");
          }
        });

    submitter.submit(Task.of("t-orphan", "orphan", null).withAttempt(5));

    await().atMost(WAIT).until(() -> stats("orphan").dead() == 1);
    assertThat(runs).isEmpty();
    assertThat(stats("orphan").inFlight()).isZero();
    assertThat(new TaskAssignments(fleet).read("t-orphan")).containsEntry("status", "dead");
  }

  @Test
  void aCompletionAfterItsLeaseExpiredIsRefusedAndTheTaskRunsAgainWhereItWent()
      throws InterruptedException {
    CountDownLatch givenAway = startHeldRun("slow", TaskOutcome.succeeded());

    // what a reaper does to a worker it believes dead: its in-flight items are returned to the
    // queue and their locks deleted; this worker claims the task again. Whichever of the two
    // copies' ends comes second, after the other completed, is refused: stale when it ran, a
    // duplicate when its claim found the task completed before it began. A third order runs it
    // once: the copy reaches this worker's in-flight list (its BLMOVE) and the first run's end
    // takes it off as its own before the begin, which then leaves the copy out
    new WorkerQueue(fleet, "slow", worker.id()).returnAll(WorkerQueue.ReturnReason.ORPHANED);
    givenAway.countDown();

    await()
        .atMost(WAIT)
        .until(
            () ->
                stats("slow").counter(QueueCounter.COMPLETED) == 1
                    && stats("slow").inFlight() == 0
                    && stats("slow").ready() == 0
                    && worker.stats().snapshot().inFlight() == 0);
    long refused =
        stats("slow").counter(QueueCounter.STALE) + stats("slow").counter(QueueCounter.DUPLICATES);
    int ran = runs.get("t0").get();
    assertThat(ran).as("runs of the task").isBetween(1, 2);
    assertThat(refused).as("ends refused").isLessThanOrEqualTo(1);
    if (ran == 2) {
      assertThat(stats("slow").counter(QueueCounter.STALE)).as("the second run's end").isOne();
    }
    assertThat(stats("slow").counter(QueueCounter.COMPLETED)).isOne();
    assertThat(new TaskAssignments(fleet).read("slow", "t0")).containsEntry("status", "completed");
  }

  @Test
  void aPollAfterTheItemWasReturnedIsStaleAndSchedulesNothing() throws InterruptedException {
    CountDownLatch givenAway =
        startHeldRun("waiting", TaskOutcome.pollLater(Duration.ofMillis(10), "job still running"));

    // what a reaper does to a worker it believes dead: its in-flight items are returned
    fleet.redis().getList(fleet.keys().inFlight("waiting", worker.id())).delete();
    givenAway.countDown();

    await().atMost(WAIT).until(() -> stats("waiting").counter(QueueCounter.STALE) == 1);
    assertThat(worker.stats().stale()).isOne();
    assertThat(worker.stats().pollsScheduled()).isZero();
    assertThat(stats("waiting").delayed()).isZero();
    assertThat(stats("waiting").counter(QueueCounter.POLLS_SCHEDULED)).isZero();
  }

  @Test
  void aRunWhoseLockWasTakenOverCompletesAndLeavesTheNewHoldersLockAlone()
      throws InterruptedException {
    CountDownLatch takenOver = startHeldRun("slow", TaskOutcome.succeeded());

    // the run's lock lapses (a watchdog that could not renew it) and another run takes it
    RLock lock = fleet.redis().getLock(fleet.keys().runs().lock("slow", "t0"));
    long holder = Thread.currentThread().getId();
    assertThat(lock.forceUnlock()).isTrue();
    assertThat(lock.tryLock(0, 60, TimeUnit.SECONDS)).isTrue();
    try {
      takenOver.countDown();

      await().atMost(WAIT).until(() -> stats("slow").counter(QueueCounter.COMPLETED) == 1);
      await().atMost(WAIT).until(() -> worker.stats().snapshot().inFlight() == 0);
      // the run's own unlock went out before its slot was freed; give it time to arrive
      await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> lock.isHeldByThread(holder));
    } finally {
      lock.unlock();
    }
  }
}
