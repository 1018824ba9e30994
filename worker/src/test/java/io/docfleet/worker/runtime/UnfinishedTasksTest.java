package io.docfleet.worker.runtime;

import static io.docfleet.testing.Tasks.tasks;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.config.FleetConfig.QueueSettings;
import io.docfleet.queue.QueueCounter;
import io.docfleet.queue.QueueInspector;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.redis.FleetContext;
import io.docfleet.task.Task;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import io.docfleet.worker.lock.TaskLocks;
import io.docfleet.worker.queue.ClaimedItem;
import io.docfleet.worker.queue.WorkerQueue;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The end of a drain: what a worker still holds is returned to the head of its queues with the
 * locks of its tasks released, and a queue that cannot be returned is left for the reaper without
 * keeping the others from being returned.
 */
class UnfinishedTasksTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("unfinished");

  private FleetContext fleet;
  private TaskLocks locks;
  private final UnfinishedTasks unfinished = new UnfinishedTasks();

  @BeforeEach
  void setUp() {
    fleet = redis.context(new SettableClock());
    locks = new TaskLocks(fleet);
  }

  @AfterEach
  void tearDown() {
    locks.close();
  }

  @Test
  void whatTheWorkerHoldsIsReturnedToTheHeadOfItsQueueWithItsLocksReleased() {
    WorkerQueue queue = new WorkerQueue(fleet, "noop", "w1");
    submit(tasks("noop", "t", 3));
    List<String> held =
        queue.claim(2).toCompletableFuture().join().items().stream()
            .map(ClaimedItem::item)
            .toList();
    assertThat(locks.isLocked("noop", "t-0")).as("the claim's lock").isTrue();
    fleet.redis().<String>getList(fleet.keys().inFlight("noop", "w1")).add("not a task");

    unfinished.returnAll(List.of(queue));

    assertThat(queue.inFlight()).isEmpty();
    assertThat(locks.isLocked("noop", "t-0")).isFalse();
    assertThat(
            new WorkerQueue(fleet, "noop", "w2")
                .claim(3).toCompletableFuture().join().items().stream()
                    .map(ClaimedItem::item)
                    .toList())
        .as("claimed next, before the task that waited in the queue")
        .containsAll(held)
        .contains("not a task");
    assertThat(new QueueInspector(fleet).stats("noop").counter(QueueCounter.RETURNED_ON_SHUTDOWN))
        .isEqualTo(3);
  }

  @Test
  void aQueueThatCannotBeReturnedIsLeftForTheReaperAndTheOthersStillAre() {
    WorkerQueue broken = new WorkerQueue(fleet, "broken", "w1");
    // a key of the wrong type: Redis answers every list command on it with an error
    fleet.redis().getBucket(fleet.keys().inFlight("broken", "w1")).set("not a list");
    WorkerQueue queue = new WorkerQueue(fleet, "noop", "w1");
    submit(tasks("noop", "t", 1));
    queue.claim(1).toCompletableFuture().join();

    unfinished.returnAll(List.of(broken, queue));

    assertThat(queue.inFlight()).isEmpty();
    assertThat(fleet.redis().getList(fleet.keys().ready("noop")).size()).isEqualTo(1);
    assertThat(fleet.redis().getBucket(fleet.keys().inFlight("broken", "w1")).get())
        .isEqualTo("not a list");
  }

  private void submit(List<Task> tasks) {
    new TaskSubmitter(fleet, QueueSettings.defaults()).submitAll(tasks);
  }
}
