package io.docfleet.worker.runtime;

import static io.docfleet.queue.BeginResult.started;
import static io.docfleet.testing.Tasks.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.config.FleetConfig.QueueSettings;
import io.docfleet.queue.BeginResult;
import io.docfleet.queue.QueueCounter;
import io.docfleet.queue.TaskAssignments;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.redis.FleetContext;
import io.docfleet.task.Task;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import io.docfleet.worker.lock.TaskLocks;
import io.docfleet.worker.lock.TaskLocks.Lock;
import io.docfleet.worker.queue.WorkerQueue;
import io.docfleet.worker.runtime.SingleNodeRuns.Begin;
import io.docfleet.worker.runtime.SingleNodeRuns.Completion;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RLock;

/** A run begun and completed in one call each leaves what the separate steps leave. */
class SingleNodeRunsTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("single-node-runs");

  private static final Duration RETENTION = Duration.ofHours(24);

  private final SettableClock clock = new SettableClock();
  private String prefix;
  private FleetContext fleet;
  private TaskLocks locks;
  private TaskAssignments assignments;
  private WorkerQueue queue;
  private SingleNodeRuns runs;

  @BeforeEach
  void setUp() {
    prefix = redis.prefix();
    fleet = redis.context(clock);
    locks = new TaskLocks(fleet, Duration.ofSeconds(30));
    assignments = new TaskAssignments(fleet, RETENTION);
    queue = new WorkerQueue(fleet, "noop", "w1");
    runs = new SingleNodeRuns(fleet, locks, "noop", "w1", RETENTION);
  }

  @AfterEach
  void tearDown() {
    locks.close();
  }

  @Test
  void aBegunRunHoldsTheLockAsRedissonSeesItAndIsRecordedAsRunning() {
    Lock lock = locks.newLock("t1");

    assertThat(begin(aTask("t1"), lock)).isEqualTo(started(1));

    assertThat(locks.isLocked("t1")).isTrue();
    assertThat(locks.heldCount()).isEqualTo(1);
    assertThat(assignments.read("t1"))
        .containsEntry("worker", "w1")
        .containsEntry("status", "running")
        .containsEntry("attempts", "1");
  }

  @Test
  void aBeginSentAgainByTheSameRunIsTheSameAttempt() {
    Lock lock = locks.newLock("t1");
    assertThat(begin(aTask("t1"), lock)).isEqualTo(started(1));

    // its reply was lost (a failover): the worker sends the same begin again
    assertThat(begin(aTask("t1"), lock)).isEqualTo(started(1));

    assertThat(assignments.read("t1")).containsEntry("attempts", "1");
  }

  @Test
  void aTaskLockedByAnotherRunIsNotBegunAndNothingIsWritten() throws Exception {
    RLock other = fleet.redis().getLock(fleet.keys().taskLock("t1"));
    assertThat(other.tryLock(0, 30, TimeUnit.SECONDS)).isTrue();

    assertThat(begin(aTask("t1"), locks.newLock("t1")))
        .isEqualTo(new BeginResult.LockedElsewhere());

    assertThat(assignments.read("t1")).isEmpty();
    assertThat(locks.heldCount()).isZero();
    other.unlock();
  }

  @Test
  void aCompletedRunIsTakenOffTheListCountedRecordedAndUnlocked() {
    String item = claim(aTask("t1"));
    Lock lock = locks.newLock("t1");
    begin(aTask("t1"), lock);
    clock.advance(Duration.ofSeconds(3));

    assertThat(complete(new Completion(item, lock, true))).isTrue();

    assertThat(queue.inFlight()).isEmpty();
    assertThat(locks.isLocked("t1")).isFalse();
    assertThat(locks.heldCount()).isZero();
    assertThat(counter("completed")).isEqualTo("1");
    assertThat(assignments.read("t1"))
        .containsEntry("status", "completed")
        .containsEntry("completed_at", Long.toString(clock.millis()))
        .doesNotContainKey("unsettled");
    assertThat(fleet.redis().getMap(fleet.keys().assignment("t1")).remainTimeToLive())
        .isGreaterThan(Duration.ofHours(23).toMillis());
  }

  @Test
  void aTaskThatCompletedBeforeIsADuplicateOnItsNextBegin() {
    String item = claim(aTask("t1"));
    Lock first = locks.newLock("t1");
    begin(aTask("t1"), first);
    complete(new Completion(item, first, true));

    assertThat(begin(aTask("t1"), locks.newLock("t1")))
        .isEqualTo(new BeginResult.AlreadyCompleted());
  }

  @Test
  void aStaleCompletionIsCountedAndLeavesTheRecordMarkedForTheNextHolder() {
    String item = claim(aTask("t1"));
    Lock lock = locks.newLock("t1");
    begin(aTask("t1"), lock);
    // a reaper gave the item away meanwhile
    queue.returnAll(WorkerQueue.ReturnReason.ORPHANED);

    assertThat(complete(new Completion(item, lock, true))).isFalse();

    assertThat(counter(QueueCounter.STALE.wireName())).isEqualTo("1");
    assertThat(counter("completed")).isNull();
    assertThat(locks.isLocked("t1")).isFalse();
    assertThat(assignments.read("t1"))
        .containsEntry("status", "completed")
        .containsEntry("unsettled", "1");

    // the next claimer learns that it completed, and completes it without recording it again
    String again = claim(null);
    Lock next = locks.newLock("t1");
    assertThat(begin(aTask("t1"), next)).isEqualTo(new BeginResult.CompletedStillInFlight());
    assertThat(complete(new Completion(again, next, false))).isTrue();
    assertThat(assignments.read("t1")).doesNotContainKey("unsettled");
    assertThat(counter("completed")).isEqualTo("1");
    assertThat(queue.inFlight()).isEmpty();
  }

  @Test
  void manyRunsGoInOneCallEachWithItsOwnAnswer() {
    Task a = aTask("a");
    Task b = aTask("b").withAttempt(2);
    String itemA = claim(a);
    String itemB = claim(b);
    Lock lockA = locks.newLock("a");
    Lock lockB = locks.newLock("b");

    List<BeginResult> begun =
        runs.beginAll(List.of(new Begin(a, lockA), new Begin(b, lockB)))
            .toCompletableFuture()
            .join();
    List<Boolean> completed =
        runs.completeAll(
                List.of(new Completion(itemA, lockA, true), new Completion(itemB, lockB, true)))
            .toCompletableFuture()
            .join();

    assertThat(begun).containsExactly(started(1), started(3));
    assertThat(completed).containsExactly(true, true);
    assertThat(counter("completed")).isEqualTo("2");
  }

  private String claim(Task task) {
    if (task != null) {
      new TaskSubmitter(fleet, QueueSettings.defaults()).submit(task);
    }
    return queue.claim(1).toCompletableFuture().join().get(0);
  }

  private BeginResult begin(Task task, Lock lock) {
    return runs.beginAll(List.of(new Begin(task, lock))).toCompletableFuture().join().get(0);
  }

  private boolean complete(Completion completion) {
    return runs.completeAll(List.of(completion)).toCompletableFuture().join().get(0);
  }

  private String counter(String name) {
    return fleet.redis().<String, String>getMap(fleet.keys().stats("noop")).get(name);
  }
}
