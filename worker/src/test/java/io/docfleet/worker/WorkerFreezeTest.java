package io.docfleet.worker;

import static io.docfleet.worker.Eventually.eventually;
import static io.docfleet.worker.WorkerProcess.aWorker;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.queue.QueueCounter;
import io.docfleet.queue.QueueStats;
import io.docfleet.queue.TaskAssignments;
import io.docfleet.testing.SlowTest;
import io.docfleet.worker.runtime.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A worker JVM frozen (SIGSTOP) past its heartbeat's TTL while it runs tasks, as a long GC pause or
 * a stalled machine would: the reaper of another worker returns its tasks and they run there; when
 * the frozen worker thaws (SIGCONT) and its runs finish, their late completions are refused (its
 * lease expired: nothing is written), every task is completed once, and the thawed worker registers
 * again and serves new tasks.
 */
@SlowTest
class WorkerFreezeTest {
  private static final int RUNNING = 4;
  private static final int MORE = 8;

  @RegisterExtension final WorkerProcesses workers = new WorkerProcesses();
  private final TestFleet fleet = TestFleet.onSharedRedis("freeze");

  @AfterEach
  void removeWorkersAndKeys() {
    workers.killAll();
    fleet.close();
  }

  @Test
  void aFrozenWorkersLateCompletionsAreRefusedEveryTaskCompletesOnceAndItServesAgain() {
    List<String> tasks =
        new ArrayList<>(fleet.submitSleepTasks("held", RUNNING, Duration.ofSeconds(3)));
    WorkerProcess frozen = workers.start(aWorker("frozen").against(fleet).concurrency(RUNNING));
    eventually()
        .until(
            () ->
                fleet.reportedInFlight(frozen.id()) == RUNNING
                    && fleet.inFlightTaskIds(frozen.id()).size() == RUNNING);

    frozen.freeze();
    List<String> held = fleet.inFlightTaskIds(frozen.id());
    tasks.addAll(fleet.submitSleepTasks("more", MORE, Duration.ofMillis(50)));
    Worker survivor = workers.startInThisJvm(aWorker("survivor").concurrency(RUNNING), fleet);

    // the survivor's reaper returned the frozen worker's tasks once its heartbeat expired, and
    // every task ran to its completion there while the frozen worker stood still
    eventually()
        .until(
            () ->
                fleet.counter(QueueCounter.COMPLETED) == tasks.size() && fleet.sleepQueueIsEmpty());
    assertThat(held).as("tasks the frozen worker ran").hasSize(RUNNING);
    assertThat(fleet.counter(QueueCounter.RETURNED)).as("returned").isEqualTo(RUNNING);
    assertThat(fleet.isIndexed(frozen.id())).as("frozen worker in workers:index").isFalse();

    frozen.thaw();
    eventually().until(() -> fleet.counter(QueueCounter.STALE) == RUNNING);

    QueueStats queue = fleet.sleepQueue();
    assertThat(queue.counter(QueueCounter.COMPLETED)).as("completed").isEqualTo(tasks.size());
    assertThat(queue.counter(QueueCounter.STALE)).as("late completions refused").isEqualTo(RUNNING);
    assertThat(queue.counter(QueueCounter.DUPLICATES)).as("duplicates").isZero();
    assertThat(queue.dead()).as("dead").isZero();
    assertThat(fleet.assignmentStatuses(tasks))
        .as("every task's record")
        .allSatisfy((id, status) -> assertThat(status).isEqualTo("completed"));
    TaskAssignments records = new TaskAssignments(fleet.context());
    assertThat(held)
        .as("the held tasks' records name the worker that completed them")
        .allSatisfy(
            id ->
                assertThat(records.read(TestFleet.SLEEP, id)).containsEntry("worker", "survivor"));
    assertThat(frozen.logged("its completion is refused")).isTrue();

    // the thawed worker beats again and, with the survivor gone, serves what comes next
    eventually().until(() -> fleet.isRegistered(frozen.id()) && fleet.isIndexed(frozen.id()));
    survivor.drain();
    List<String> after = fleet.submitSleepTasks("after", 3, Duration.ofMillis(10));
    eventually().until(() -> fleet.counter(QueueCounter.COMPLETED) == tasks.size() + after.size());
    assertThat(after)
        .allSatisfy(
            id -> assertThat(records.read(TestFleet.SLEEP, id)).containsEntry("worker", "frozen"));
    assertThat(fleet.counter(QueueCounter.STALE)).as("no more refusals").isEqualTo(RUNNING);
  }
}
