package io.docfleet.worker;

import static io.docfleet.worker.Eventually.eventually;
import static io.docfleet.worker.WorkerProcess.aWorker;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.queue.QueueCounter;
import io.docfleet.queue.QueueStats;
import io.docfleet.task.Priority;
import io.docfleet.testing.SlowTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A worker JVM killed with SIGKILL in the middle of a run: its heartbeat stops, the reaper of the
 * worker that takes over (a runtime in the test JVM, which saves a second JVM start) gives its
 * in-flight tasks back, and every task completes exactly once. {@link WorkerKillOnClusterTest} runs
 * it on a Redis Cluster.
 */
@SlowTest
class WorkerKillTest {
  private static final int TASKS = 200;

  @RegisterExtension final WorkerProcesses workers = new WorkerProcesses();
  private final TestFleet fleet = fleet("kill");

  /** The fleet the test runs on. */
  TestFleet fleet(String name) {
    return TestFleet.onSharedRedis(name);
  }

  @AfterEach
  void removeWorkersAndKeys() {
    workers.killAll();
    fleet.close();
  }

  @Test
  void aWorkerKilledMidRunLosesNoTaskAndNoTaskCompletesTwice() {
    killMidRunAndRecover(fleet.submitSleepTasks("task", TASKS, WorkerKillTest::tenToThirtyMillis));
  }

  @Test
  void withTasksInEveryLaneAndGroupsAWorkerKilledMidRunLosesNoneAndRunsNoneTwice() {
    // three groups, one of them limited to two in flight, and tasks in no group, in every lane
    fleet.limitGroup("g1", 2);
    List<String> tasks =
        fleet.submitSleepTasks(
            "lane",
            TASKS,
            WorkerKillTest::tenToThirtyMillis,
            n -> Priority.values()[n % 3],
            n -> n % 4 == 0 ? null : "g" + n % 3);
    killMidRunAndRecover(tasks);
    for (Priority lane : Priority.values()) {
      assertThat(fleet.laneSize(lane)).as("the %s lane", lane.wireName()).isZero();
    }
    assertThat(fleet.groupsNotIdle()).as("groups with tasks or owed turns left").isEmpty();
  }

  private void killMidRunAndRecover(List<String> tasks) {
    WorkerProcess doomed = workers.start(aWorker("doomed").against(fleet).concurrency(4));
    eventually()
        .until(
            () ->
                fleet.counter(QueueCounter.COMPLETED) >= TASKS / 4
                    && !fleet.inFlightTaskIds(doomed.id()).isEmpty());

    doomed.kill();
    List<String> stranded = fleet.inFlightTaskIds(doomed.id());
    assertThat(fleet.counter(QueueCounter.COMPLETED)).as("completed when killed").isLessThan(TASKS);
    assertThat(stranded).as("tasks the killed worker had claimed").isNotEmpty();

    workers.startInThisJvm(aWorker("survivor").concurrency(4), fleet);
    eventually().until(() -> fleet.sleepQueueIsEmpty() && !fleet.isIndexed(doomed.id()));

    QueueStats queue = fleet.sleepQueue();
    assertThat(queue.counter(QueueCounter.COMPLETED)).as("completed").isEqualTo(TASKS);
    assertThat(queue.counter(QueueCounter.RETURNED)).as("returned").isEqualTo(stranded.size());
    assertThat(queue.dead()).as("dead").isZero();
    assertThat(queue.counter(QueueCounter.DUPLICATES)).as("duplicates suppressed").isZero();
    assertThat(queue.counter(QueueCounter.STALE)).as("stale completions").isZero();
    assertThat(fleet.inFlightTaskIds(doomed.id())).as("killed worker's in-flight list").isEmpty();
    assertThat(fleet.isRegistered(doomed.id())).as("killed worker registered").isFalse();
    assertThat(fleet.isIndexed(doomed.id())).as("killed worker in workers:index").isFalse();
    assertThat(fleet.assignmentStatuses(tasks))
        .as("assignment status of every task")
        .allSatisfy((id, status) -> assertThat(status).isEqualTo("completed"));
  }

  /**
   * Sleeps of 10 to 30 ms, 20 on average. Varied, so the worker's slots do not finish in lockstep:
   * whenever the kill comes, some tasks are in the middle of their run.
   */
  private static Duration tenToThirtyMillis(int n) {
    return Duration.ofMillis(10 + (n * 7) % 21);
  }
}
