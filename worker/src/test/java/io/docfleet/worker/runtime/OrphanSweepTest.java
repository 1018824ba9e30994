package io.docfleet.worker.runtime;

import static io.docfleet.testing.Tasks.aSleepTask;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.queue.QueueCounter;
import io.docfleet.queue.QueueInspector;
import io.docfleet.redis.FleetContext;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import io.docfleet.worker.lock.TaskLocks;
import io.docfleet.worker.queue.WorkerQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;

/**
 * A live worker's in-flight list holding items it is not running (what a failover leaves when it
 * loses an item's end or a claim's reply): the sweep returns them after seeing them in two
 * consecutive sweeps, with this worker's stale locks released, and leaves alone what runs.
 */
class OrphanSweepTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("orphan-sweep");

  private String prefix;
  private FleetContext fleet;
  private WorkerQueue queue;
  private TaskLocks locks;
  private RunningItems running;
  private WorkerStats stats;
  private OrphanSweep sweep;

  @BeforeEach
  void setUp() {
    prefix = redis.prefix();
    fleet = redis.context(Clock.systemUTC());
    queue = new WorkerQueue(fleet, "sleep", "w1");
    locks = new TaskLocks(fleet, Duration.ofSeconds(30));
    running = new RunningItems();
    stats = new WorkerStats();
    sweep =
        new OrphanSweep(
            List.of(new OrphanSweep.Target(queue, running)),
            locks,
            fleet.codec(),
            stats,
            Duration.ofSeconds(1));
  }

  @AfterEach
  void tearDown() {
    sweep.close();
    locks.close();
  }

  @Test
  void anItemNotRunningInTwoSweepsGoesBackWithItsStaleLockReleased() {
    String item = claimed("t1");
    holdLockAndForgetIt("t1");

    assertThat(sweep.sweepOnce()).as("first sweep: only suspect").isZero();
    assertThat(sweep.sweepOnce()).as("second sweep").isEqualTo(1);

    assertThat(queue.inFlight()).isEmpty();
    assertThat(readyItems()).containsExactly(item);
    assertThat(locks.isLocked("t1")).isFalse();
    assertThat(new QueueInspector(fleet).stats("sleep").counter(QueueCounter.RETURNED))
        .isEqualTo(1);
    assertThat(stats.returned()).isEqualTo(1);
  }

  @Test
  void aRunningItemStays() {
    String item = claimed("t1");
    running.add(item);

    sweep.sweepOnce();
    sweep.sweepOnce();
    sweep.sweepOnce();

    assertThat(queue.inFlight()).containsExactly(item);
    assertThat(readyItems()).isEmpty();
  }

  @Test
  void anItemWhoseClaimReplyArrivesBetweenTwoSweepsStays() {
    String item = claimed("t1");

    sweep.sweepOnce();
    running.add(item); // the claim loop hands it to a run
    sweep.sweepOnce();
    running.remove(item); // it ends... but its end is not in Redis yet
    sweep.sweepOnce();

    assertThat(queue.inFlight()).as("suspect only once since it stopped running").hasSize(1);
  }

  @Test
  void aCopyOfATaskThatRunsHereGoesBackOnlyOnceThatRunEnded() {
    String item = claimed("t1");
    claimed("t1");
    running.add(item);
    TaskLocks.Lock lock = locks.newLock("t1");
    locks.tryLockAll(List.of(lock)).toCompletableFuture().join();

    sweep.sweepOnce();
    assertThat(sweep.sweepOnce()).as("while the other copy runs").isZero();
    assertThat(locks.isLocked("t1")).as("the running copy's lock").isTrue();

    // the running copy completes: its item leaves the list, its lock is released
    queue.complete(item).toCompletableFuture().join();
    locks.unlockAll(List.of(lock)).toCompletableFuture().join();
    running.remove(item);
    assertThat(sweep.sweepOnce()).isEqualTo(1);

    assertThat(queue.inFlight()).isEmpty();
    assertThat(readyItems()).containsExactly(item);
  }

  @Test
  void anOrphanWhoseLockAnotherWorkerHoldsWaitsUntilTheLockIsFree() throws Exception {
    String item = claimed("t1");
    RedissonClient otherWorker = TestRedis.connect(TestRedis.url());
    try {
      RLock theirs = otherWorker.getLock(fleet.keys().taskLock("t1"));
      assertThat(theirs.tryLock(0, 30, TimeUnit.SECONDS)).isTrue();

      sweep.sweepOnce();
      assertThat(sweep.sweepOnce()).as("while another worker holds the lock").isZero();
      assertThat(theirs.isLocked()).isTrue();

      theirs.unlock();
      assertThat(sweep.sweepOnce()).isEqualTo(1);
      assertThat(readyItems()).containsExactly(item);
    } finally {
      otherWorker.shutdown();
    }
  }

  @Test
  void anItemThatIsNoTaskGoesBackToo() {
    fleet.redis().getList(fleet.keys().inFlight("sleep", "w1")).add("not json");

    sweep.sweepOnce();
    sweep.sweepOnce();

    assertThat(readyItems()).containsExactly("not json");
  }

  @Test
  void theTimerSweepsUntilClosed() {
    OrphanSweep timed =
        new OrphanSweep(
            List.of(new OrphanSweep.Target(queue, running)),
            locks,
            fleet.codec(),
            stats,
            Duration.ofMillis(50));
    claimed("t1");
    timed.start();
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> queue.inFlight().isEmpty());
    timed.close();
    assertThat(stats.returned()).isEqualTo(1);
  }

  /** Puts a task in the worker's in-flight list as a claim does; returns the item. */
  private String claimed(String id) {
    String item = fleet.codec().encode(aSleepTask(id, 5));
    fleet.redis().getList(fleet.keys().ready("sleep")).add(item);
    assertThat(queue.claim(1).toCompletableFuture().join()).containsExactly(item);
    return item;
  }

  /** This worker's client holds the task's lock, as a run whose release a failover lost. */
  private void holdLockAndForgetIt(String taskId) {
    TaskLocks.Lock lock = locks.newLock(taskId);
    assertThat(locks.tryLockAll(List.of(lock)).toCompletableFuture().join()).containsExactly(true);
    locks.untrack(lock);
  }

  private List<String> readyItems() {
    return fleet.redis().<String>getList(fleet.keys().ready("sleep")).readAll();
  }
}
