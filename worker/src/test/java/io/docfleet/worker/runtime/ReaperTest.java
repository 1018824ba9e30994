package io.docfleet.worker.runtime;

import static io.docfleet.testing.Tasks.tasks;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.config.FleetConfig.QueueSettings;
import io.docfleet.queue.BeginResult;
import io.docfleet.queue.QueueCounter;
import io.docfleet.queue.QueueInspector;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.redis.FleetContext;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import io.docfleet.worker.lock.TaskLocks;
import io.docfleet.worker.queue.ClaimedItem;
import io.docfleet.worker.queue.WorkerQueue;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RLock;

class ReaperTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("reaper");

  private final SettableClock clock = new SettableClock();
  private String prefix;
  private FleetContext fleet;
  private TaskLocks locks;
  private Reaper reaper;

  @BeforeEach
  void setUp() {
    prefix = redis.prefix();
    fleet = redis.context(clock);
    locks = new TaskLocks(fleet);
    reaper = new Reaper(fleet, Duration.ofHours(1));
  }

  @AfterEach
  void tearDown() {
    reaper.close();
    locks.close();
  }

  /** A worker that claimed and locked {@code count} tasks, registered alive or not. */
  private WorkerQueue workerHolding(String workerId, int count, boolean alive) {
    new TaskSubmitter(fleet, QueueSettings.defaults()).submitAll(tasks("noop", workerId, count));
    WorkerQueue queue = new WorkerQueue(fleet, "noop", workerId);
    assertThat(queue.claim(count).toCompletableFuture().join().items())
        .as("claimed, each with its lock")
        .hasSize(count)
        .allMatch(ClaimedItem::locked);
    fleet.redis().getSet(fleet.keys().workersIndex()).add(workerId);
    if (alive) {
      fleet.redis().getMap(fleet.keys().worker(workerId)).put("id", workerId);
    }
    return queue;
  }

  @Test
  void givesADeadWorkersTasksBackAndReleasesTheirLocks() {
    WorkerQueue dead = workerHolding("dead", 3, false);

    assertThat(reaper.reapOnce()).hasValue(3);

    assertThat(dead.inFlight()).isEmpty();
    var stats = new QueueInspector(fleet).stats("noop");
    assertThat(stats.ready()).isEqualTo(3);
    assertThat(stats.counter(QueueCounter.RETURNED)).isEqualTo(3);
    assertThat(locks.isLocked("noop", "dead-0")).isFalse();
    assertThat(locks.isLocked("noop", "dead-2")).isFalse();
    assertThat(fleet.redis().getSet(fleet.keys().workersIndex()).contains("dead")).isFalse();
  }

  @Test
  void leavesALiveWorkerAlone() {
    WorkerQueue alive = workerHolding("alive", 2, true);

    assertThat(reaper.reapOnce()).hasValue(0);

    assertThat(alive.inFlight()).hasSize(2);
    assertThat(locks.isLocked("noop", "alive-0")).isTrue();
    assertThat(fleet.redis().getSet(fleet.keys().workersIndex()).contains("alive")).isTrue();
  }

  @Test
  void forgetsADeadWorkerThatHeldNothingAndLeavesWhatOthersHoldOfTheSameQueue() {
    WorkerQueue alive = workerHolding("alive", 1, true);
    fleet.redis().getSet(fleet.keys().workersIndex()).add("idle");

    assertThat(reaper.reapOnce()).hasValue(0);

    assertThat(fleet.redis().getSet(fleet.keys().workersIndex()).contains("idle")).isFalse();
    assertThat(alive.inFlight()).hasSize(1);
    assertThat(new QueueInspector(fleet).stats("noop").counter(QueueCounter.RETURNED)).isZero();
  }

  @Test
  void returnsAMalformedItemWithoutALock() {
    WorkerQueue queue = new WorkerQueue(fleet, "noop", "gone");
    fleet.redis().getList(fleet.keys().inFlight("noop", "gone")).add("not a task");
    fleet.redis().getSet(fleet.keys().workersIndex()).add("gone");
    fleet.redis().getSet(fleet.keys().queuesIndex()).add("noop");

    assertThat(reaper.reapOnce()).hasValue(1);
    assertThat(queue.inFlight()).isEmpty();
  }

  @Test
  void onlyOneReaperRunsAPassAtATime() throws Exception {
    workerHolding("dead", 1, false);
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread other =
        new Thread(
            () -> {
              RLock election = fleet.redis().getLock(fleet.keys().reaperLock());
              election.lock();
              held.countDown();
              try {
                release.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                election.unlock();
              }
            });
    other.start();
    assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(reaper.reapOnce()).isEmpty();
    assertThat(new WorkerQueue(fleet, "noop", "dead").inFlight()).hasSize(1);

    release.countDown();
    other.join();
    assertThat(reaper.reapOnce()).hasValue(1);
  }

  @Test
  void aStartedReaperRunsOnItsOwn() {
    Reaper fast = new Reaper(fleet, Duration.ofMillis(50));
    WorkerQueue dead = workerHolding("dead", 2, false);
    fast.start();
    try {
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> dead.inFlight().isEmpty());
    } finally {
      fast.close();
    }
    assertThat(new QueueInspector(fleet).stats("noop").counter(QueueCounter.RETURNED)).isEqualTo(2);
  }

  @Test
  void aTaskItReturnedRunsAgainWhereItGoes() {
    workerHolding("dead", 1, false);
    reaper.reapOnce();

    ClaimedItem again =
        new WorkerQueue(fleet, "noop", "next").claim(1).toCompletableFuture().join().items().get(0);

    assertThat(again.taskId()).isEqualTo("dead-0");
    assertThat(again.begun()).isEqualTo(BeginResult.started(2));
  }

  @Test
  void returnsWhatADeadWorkerOfTheOlderVersionLeftUnderTheOldName() {
    String item = fleet.codec().encode(io.docfleet.testing.Tasks.aTask("old-1"));
    fleet.redis().getList(fleet.keys().legacy().inFlight("noop", "old")).add(item);
    fleet.redis().getSet(fleet.keys().workersIndex()).add("old");
    fleet.redis().getSet(fleet.keys().queuesIndex()).add("noop");

    assertThat(reaper.reapOnce()).hasValue(1);

    assertThat(fleet.redis().getList(fleet.keys().ready("noop")).readAll()).containsExactly(item);
    assertThat(new QueueInspector(fleet).stats("noop").counter(QueueCounter.RETURNED)).isEqualTo(1);
  }
}
