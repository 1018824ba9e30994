package io.docfleet.worker.runtime;

import static io.docfleet.testing.Tasks.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.config.FleetConfig.QueueSettings;
import io.docfleet.queue.BeginResult;
import io.docfleet.queue.QueueCounter;
import io.docfleet.queue.TaskAssignments;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.ReplicaAcks;
import io.docfleet.task.Task;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import io.docfleet.worker.handler.HandlerRegistry;
import io.docfleet.worker.lock.TaskLocks;
import io.docfleet.worker.lock.TaskLocks.Lock;
import io.docfleet.worker.metrics.WorkerMetrics;
import io.docfleet.worker.queue.RetryBackoff;
import io.docfleet.worker.queue.WorkerQueue;
import io.docfleet.worker.runtime.RunSteps.Completed;
import java.time.Duration;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both ways of beginning and completing a run (one call each on a single Redis, separate calls on a
 * cluster) leave the same locks, records, in-flight lists and counters. The split steps are legal
 * on a single Redis too, so both run here.
 */
class RunStepsContractTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("run-steps");

  private final SettableClock clock = new SettableClock();
  private final RedisRetry retry = new RedisRetry(Duration.ofMillis(50));
  private String prefix;
  private FleetContext fleet;
  private TaskLocks taskLocks;
  private WorkerContext worker;
  private WorkerQueue queue;

  static Stream<Arguments> implementations() {
    BiFunction<WorkerContext, WorkerQueue, RunSteps> split = SplitRunSteps::new;
    BiFunction<WorkerContext, WorkerQueue, RunSteps> oneCall =
        (worker, queue) ->
            new OneCallRunSteps(
                worker,
                new SingleNodeRuns(
                    worker.fleet(),
                    worker.locks().taskLocks(),
                    queue.type(),
                    worker.workerId(),
                    worker.queueSettings().assignmentRetention()));
    return Stream.of(Arguments.of("split", split), Arguments.of("one call", oneCall));
  }

  @BeforeEach
  void setUp() {
    prefix = redis.prefix();
    fleet = redis.context(clock);
    taskLocks = new TaskLocks(fleet);
    QueueSettings settings = QueueSettings.defaults();
    worker =
        new WorkerContext(
            fleet,
            "w1",
            settings,
            new HandlerRegistry(),
            new GroupedLocks(taskLocks),
            new AssignmentWriter(new TaskAssignments(fleet, settings.assignmentRetention()), "w1"),
            new RetryBackoff(settings.backoffBase(), settings.backoffMax()),
            new WorkerStats(),
            retry,
            WorkerMetrics.create().tasks(),
            ReplicaAcks.of(fleet, settings.replicaAckTimeout()));
    queue = new WorkerQueue(fleet, "noop", "w1");
  }

  @AfterEach
  void tearDown() {
    retry.close();
    taskLocks.close();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("implementations")
  void aRunBegunAndCompletedLeavesACompletedRecordAndNothingHeld(
      String name, BiFunction<WorkerContext, WorkerQueue, RunSteps> make) {
    RunSteps steps = make.apply(worker, queue);
    String item = claim(aTask("t1"));
    Lock lock = worker.locks().newLock("t1");

    assertThat(steps.begin(aTask("t1"), lock).join()).isEqualTo(BeginResult.started(1));
    assertThat(taskLocks.isLocked("t1")).isTrue();
    Completed completed = steps.complete(item, aTask("t1"), lock, true).join();
    if (!completed.unlocked()) {
      worker.locks().unlock(lock).join();
    }

    assertThat(completed.removed()).isTrue();
    assertThat(taskLocks.isLocked("t1")).isFalse();
    assertThat(queue.inFlight()).isEmpty();
    assertThat(counters()).containsEntry("completed", "1");
    assertThat(record("t1"))
        .containsEntry("status", "completed")
        .containsEntry("attempts", "1")
        .doesNotContainKey("unsettled");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("implementations")
  void aTaskAnotherRunHoldsIsLockedElsewhereAndOneThatCompletedIsAlreadyCompleted(
      String name, BiFunction<WorkerContext, WorkerQueue, RunSteps> make) {
    RunSteps steps = make.apply(worker, queue);
    String item = claim(aTask("t1"));
    Lock first = worker.locks().newLock("t1");
    steps.begin(aTask("t1"), first).join();

    assertThat(steps.begin(aTask("t1"), worker.locks().newLock("t1")).join())
        .isEqualTo(new BeginResult.LockedElsewhere());

    if (!steps.complete(item, aTask("t1"), first, true).join().unlocked()) {
      worker.locks().unlock(first).join();
    }
    assertThat(steps.begin(aTask("t1"), worker.locks().newLock("t1")).join())
        .isEqualTo(new BeginResult.AlreadyCompleted());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("implementations")
  void aStaleCompletionLeavesTheRecordForTheNextHolderToCompleteWithoutRunningIt(
      String name, BiFunction<WorkerContext, WorkerQueue, RunSteps> make) {
    RunSteps steps = make.apply(worker, queue);
    String item = claim(aTask("t1"));
    Lock lock = worker.locks().newLock("t1");
    steps.begin(aTask("t1"), lock).join();
    queue.returnAll(WorkerQueue.ReturnReason.ORPHANED);

    Completed stale = steps.complete(item, aTask("t1"), lock, true).join();
    if (!stale.unlocked()) {
      worker.locks().unlock(lock).join();
    }

    assertThat(stale.removed()).isFalse();
    assertThat(counters()).containsEntry(QueueCounter.STALE.wireName(), "1");
    assertThat(record("t1")).containsEntry("unsettled", "1");
    String again = queue.claim(1).toCompletableFuture().join().get(0);
    Lock next = worker.locks().newLock("t1");
    assertThat(steps.begin(aTask("t1"), next).join())
        .isEqualTo(new BeginResult.CompletedStillInFlight());
    assertThat(steps.complete(again, aTask("t1"), next, false).join().removed()).isTrue();
    assertThat(record("t1")).doesNotContainKey("unsettled");
    assertThat(counters()).containsEntry("completed", "1");
  }

  private String claim(Task task) {
    new TaskSubmitter(fleet, QueueSettings.defaults()).submit(task);
    return queue.claim(1).toCompletableFuture().join().get(0);
  }

  private Map<String, String> counters() {
    return fleet.redis().<String, String>getMap(fleet.keys().stats("noop")).readAllMap();
  }

  private Map<String, String> record(String taskId) {
    return fleet.redis().<String, String>getMap(fleet.keys().assignment(taskId)).readAllMap();
  }
}
