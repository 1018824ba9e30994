package io.docfleet.worker.runtime;

import static io.docfleet.testing.Tasks.aSleepTask;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.queue.QueueCounter;
import io.docfleet.queue.QueueInspector;
import io.docfleet.queue.TaskRecord;
import io.docfleet.redis.FleetContext;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import io.docfleet.worker.lock.TaskLocks;
import io.docfleet.worker.queue.ClaimedItem;
import io.docfleet.worker.queue.RunEnds;
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
    String item = claimed("t1"); // its claim's reply was lost: the lock is this worker's

    assertThat(sweep.sweepOnce()).as("first sweep: only suspect").isZero();
    assertThat(sweep.sweepOnce()).as("second sweep").isEqualTo(1);

    assertThat(queue.inFlight()).isEmpty();
    assertThat(readyItems()).containsExactly(item);
    assertThat(locks.isLocked("sleep", "t1")).isFalse();
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
    submit("t1");
    ClaimedItem run = queue.claim(1).toCompletableFuture().join().items().get(0);
    running.add(run.item());
    String copy = inFlightAsAFailoverLeftIt("t1");

    sweep.sweepOnce();
    assertThat(sweep.sweepOnce()).as("while the other copy runs").isZero();
    assertThat(locks.isLocked("sleep", "t1")).as("the running copy's lock").isTrue();

    // the running copy completes: its item leaves the list, its lock is released
    String record = TaskRecord.completed("w1", 1, run.startedAt(), 2, null).toJson();
    queue
        .ends()
        .completeAll(List.of(new RunEnds.Completion(run, record)))
        .toCompletableFuture()
        .join();
    running.remove(run.item());
    assertThat(sweep.sweepOnce()).isEqualTo(1);

    assertThat(queue.inFlight()).isEmpty();
    assertThat(readyItems()).containsExactly(copy);
  }

  @Test
  void anOrphanWhoseLockAnotherWorkerHoldsWaitsUntilTheLockIsFree() throws Exception {
    String item = inFlightAsAFailoverLeftIt("t1");
    RedissonClient otherWorker = TestRedis.connect(TestRedis.url());
    try {
      RLock theirs = otherWorker.getLock(fleet.keys().runs().lock("sleep", "t1"));
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

  /** Claims a task as the worker does (its lock taken); returns the item. */
  private String claimed(String id) {
    submit(id);
    List<ClaimedItem> claimed = queue.claim(1).toCompletableFuture().join().items();
    assertThat(claimed).hasSize(1);
    assertThat(claimed.get(0).locked()).isTrue();
    return claimed.get(0).item();
  }

  private void submit(String id) {
    fleet.redis().getList(fleet.keys().ready("sleep")).add(fleet.codec().encode(aSleepTask(id, 5)));
  }

  /** Puts a task in the worker's in-flight list without a lock: what a failover leaves there. */
  private String inFlightAsAFailoverLeftIt(String id) {
    String item = fleet.codec().encode(aSleepTask(id, 5));
    fleet.redis().getList(fleet.keys().inFlight("sleep", "w1")).add(item);
    return item;
  }

  private List<String> readyItems() {
    return fleet.redis().<String>getList(fleet.keys().ready("sleep")).readAll();
  }
}
