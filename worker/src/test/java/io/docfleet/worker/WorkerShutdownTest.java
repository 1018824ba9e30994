package io.docfleet.worker;

import static io.docfleet.worker.Eventually.eventually;
import static io.docfleet.worker.WorkerProcess.aWorker;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.queue.QueueCounter;
import io.docfleet.queue.QueueStats;
import io.docfleet.testing.SlowTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A worker JVM that gets SIGTERM drains: it stops claiming, lets running tasks finish within the
 * shutdown grace, returns what is unfinished to the head of the queue, deregisters and exits.
 */
@SlowTest
class WorkerShutdownTest {
  /** What the JVM exits with after SIGTERM once its shutdown hooks ran: 128 + 15. */
  private static final int EXIT_ON_SIGTERM = 143;

  private static final int CONCURRENCY = 4;

  @RegisterExtension final WorkerProcesses workers = new WorkerProcesses();
  private final TestFleet fleet = TestFleet.onSharedRedis("shutdown");

  @AfterEach
  void removeWorkersAndKeys() {
    workers.killAll();
    fleet.close();
  }

  @Test
  void tasksStillRunningWhenTheGraceEndsGoBackToTheHeadOfTheQueue() {
    List<String> tasks = fleet.submitSleepTasks("long", CONCURRENCY + 2, Duration.ofSeconds(30));
    List<String> running = tasks.subList(0, CONCURRENCY);
    WorkerProcess worker =
        workers.start(
            aWorker("draining")
                .against(fleet)
                .concurrency(CONCURRENCY)
                .shutdownGrace(Duration.ofSeconds(1)));
    eventually()
        .until(() -> allRunning(running) && fleet.reportedInFlight(worker.id()) == CONCURRENCY);

    worker.terminate();

    assertThat(worker.awaitExit(Duration.ofSeconds(60))).as("exit code").isEqualTo(EXIT_ON_SIGTERM);
    assertThat(fleet.readyTaskIds())
        .as("ready tasks, next first: the pushed-back ones ahead of those never claimed")
        .isEqualTo(tasks);
    QueueStats queue = fleet.sleepQueue();
    assertThat(queue.counter(QueueCounter.RETURNED_ON_SHUTDOWN))
        .as("returned on shutdown")
        .isEqualTo(CONCURRENCY);
    assertThat(queue.counter(QueueCounter.COMPLETED)).as("completed").isZero();
    assertThat(queue.counter(QueueCounter.FAILED)).as("failed").isZero();
    assertThat(queue.delayed()).as("delayed").isZero();
    assertThat(queue.dead()).as("dead").isZero();
    assertThat(fleet.inFlightTaskIds(worker.id())).as("in-flight list").isEmpty();
    assertThat(fleet.isRegistered(worker.id())).as("registered").isFalse();
    assertThat(fleet.isIndexed(worker.id())).as("in workers:index").isFalse();
  }

  @Test
  void tasksThatFinishWithinTheGraceAreCompletedNotPushedBack() {
    List<String> tasks = fleet.submitSleepTasks("short", CONCURRENCY, Duration.ofSeconds(2));
    WorkerProcess worker =
        workers.start(
            aWorker("finishing")
                .against(fleet)
                .concurrency(CONCURRENCY)
                .shutdownGrace(Duration.ofSeconds(20)));
    // recorded running by their claim, and handed to their runs (which the heartbeat reports)
    eventually()
        .until(() -> allRunning(tasks) && fleet.reportedInFlight(worker.id()) == CONCURRENCY);

    worker.terminate();

    assertThat(worker.awaitExit(Duration.ofSeconds(60))).as("exit code").isEqualTo(EXIT_ON_SIGTERM);
    assertThat(worker.output())
        .as("the worker's account of its drain")
        .contains("drains: no new tasks, " + CONCURRENCY + " in flight");
    QueueStats queue = fleet.sleepQueue();
    assertThat(queue.counter(QueueCounter.COMPLETED)).as("completed").isEqualTo(CONCURRENCY);
    assertThat(queue.counter(QueueCounter.RETURNED_ON_SHUTDOWN))
        .as("returned on shutdown")
        .isZero();
    assertThat(queue.ready()).as("ready").isZero();
    assertThat(fleet.inFlightTaskIds(worker.id())).as("in-flight list").isEmpty();
    assertThat(fleet.assignmentStatuses(tasks))
        .as("assignment status of every task")
        .allSatisfy((id, status) -> assertThat(status).isEqualTo("completed"));
    assertThat(fleet.isRegistered(worker.id())).as("registered").isFalse();
    assertThat(fleet.isIndexed(worker.id())).as("in workers:index").isFalse();
  }

  private boolean allRunning(List<String> tasks) {
    return fleet.assignmentStatuses(tasks).values().stream().allMatch("running"::equals);
  }
}
