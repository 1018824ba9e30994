package io.docfleet.queue;

import static io.docfleet.queue.BeginResult.started;
import static io.docfleet.testing.Tasks.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.queue.TaskAssignments.Finish;
import io.docfleet.queue.TaskAssignments.ItemCompleted;
import io.docfleet.queue.TaskAssignments.Start;
import io.docfleet.redis.FleetContext;
import io.docfleet.task.Task;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TaskAssignmentsTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("assignments");

  private final SettableClock clock = new SettableClock();
  private String prefix;
  private FleetContext fleet;
  private TaskAssignments assignments;

  @BeforeEach
  void setUp() {
    prefix = redis.prefix();
    fleet = redis.context(clock);
    assignments = new TaskAssignments(fleet, Duration.ofHours(24));
  }

  private BeginResult start(Task task, String worker) {
    return assignments.start(task, worker).toCompletableFuture().join();
  }

  private void finish(String id, TaskStatus status, String error) {
    assignments.finish(id, status, error).toCompletableFuture().join();
  }

  @Test
  void recordsWhoStartedWhenAndWhichAttemptItIs() {
    assertThat(start(aTask("t"), "w1")).isEqualTo(started(1));
    assertThat(assignments.read("t"))
        .containsEntry("worker", "w1")
        .containsEntry("status", "running")
        .containsEntry("attempts", "1")
        .containsEntry("started_at", Long.toString(clock.millis()));
    long ttl = fleet.redis().getMap(fleet.keys().assignment("t")).remainTimeToLive();
    assertThat(ttl).isGreaterThan(Duration.ofHours(23).toMillis());
  }

  @Test
  void countsAttemptsAcrossRetriesAndCrashes() {
    assertThat(start(aTask("t"), "w1")).isEqualTo(started(1));
    finish("t", TaskStatus.RETRYING, "boom");
    assertThat(start(aTask("t").withAttempt(1), "w2")).isEqualTo(started(2));
    // w2 died; the reaper returned the task as it was claimed (attempt 1)
    assertThat(start(aTask("t").withAttempt(1), "w3")).isEqualTo(started(3));
    assertThat(assignments.read("t")).containsEntry("last_error", "boom");
  }

  @Test
  void aTaskThatWaitsGivesItsAttemptBack() {
    assertThat(start(aTask("t"), "w1")).isEqualTo(started(1));
    assignments.writeAll(List.of(new TaskAssignments.Waiting("t", 0))).toCompletableFuture().join();
    assertThat(assignments.read("t"))
        .containsEntry("status", "waiting")
        .containsEntry("attempts", "0")
        .containsEntry("ended_at", Long.toString(clock.millis()));

    assertThat(start(aTask("t"), "w2")).isEqualTo(started(1));
    assertThat(start(aTask("t"), "w2")).isEqualTo(started(2)); // a crash, though, still counts
  }

  @Test
  void trustsTheTasksAttemptWhenTheRecordExpired() {
    assertThat(start(aTask("t").withAttempt(3), "w1")).isEqualTo(started(4));
  }

  @Test
  void refusesToStartATaskThatAlreadyCompleted() {
    start(aTask("t"), "w1");
    clock.advance(Duration.ofSeconds(2));
    finish("t", TaskStatus.COMPLETED, null);
    assignments.markItemCompleted("t").toCompletableFuture().join();

    assertThat(start(aTask("t"), "w2")).isEqualTo(new BeginResult.AlreadyCompleted());
    assertThat(assignments.read("t"))
        .containsEntry("worker", "w1")
        .containsEntry("status", "completed")
        .containsEntry("completed_at", Long.toString(clock.millis()));
  }

  @Test
  void recordsAnEndOtherThanCompletion() {
    start(aTask("t"), "w1");
    finish("t", TaskStatus.DEAD, "failed permanently: bad input");
    assertThat(assignments.read("t"))
        .containsEntry("status", "dead")
        .containsEntry("last_error", "failed permanently: bad input")
        .containsKey("ended_at");
  }

  @Test
  void aCompletionRecordedBeforeItsItemLeftTheInFlightListIsCompletedByTheNextClaimer() {
    start(aTask("t"), "w1");
    finish("t", TaskStatus.COMPLETED, null);

    assertThat(start(aTask("t"), "w2")).isEqualTo(new BeginResult.CompletedStillInFlight());
    assertThat(assignments.read("t")).containsEntry("status", "completed").containsKey("unsettled");

    assignments.markItemCompleted("t").toCompletableFuture().join();
    assertThat(start(aTask("t"), "w3")).isEqualTo(new BeginResult.AlreadyCompleted());
    assertThat(assignments.read("t")).doesNotContainKey("unsettled");
  }

  @Test
  void writesStartsAndFinishesOfManyTasksInOneCall() {
    clock.set(java.time.Instant.ofEpochMilli(1_000));
    List<Long> started =
        assignments
            .writeAll(List.of(new Start(aTask("a"), "w1"), new Start(aTask("b"), "w1")))
            .toCompletableFuture()
            .join();
    clock.advance(Duration.ofMillis(5));
    List<Long> finished =
        assignments
            .writeAll(
                List.of(
                    new Finish("a", TaskStatus.COMPLETED, null),
                    new Finish("b", TaskStatus.RETRYING, "boom"),
                    new ItemCompleted("a")))
            .toCompletableFuture()
            .join();

    assertThat(started).containsExactly(1L, 1L);
    assertThat(finished).containsExactly(1L, 1L, 1L);
    assertThat(assignments.read("a"))
        .containsEntry("worker", "w1")
        .containsEntry("started_at", "1000")
        .containsEntry("completed_at", "1005")
        .containsEntry("status", "completed")
        .doesNotContainKey("unsettled");
    assertThat(assignments.read("b"))
        .containsEntry("ended_at", "1005")
        .containsEntry("status", "retrying")
        .containsEntry("last_error", "boom");
    List<Long> again =
        assignments
            .writeAll(
                List.of(new Start(aTask("a"), "w2"), new Start(aTask("b").withAttempt(1), "w2")))
            .toCompletableFuture()
            .join();
    assertThat(again.stream().map(BeginResult::fromReply))
        .containsExactly(new BeginResult.AlreadyCompleted(), started(2));
  }

  @Test
  void aDeadRetriedTaskStartsAtAttemptOneUnlessItCompletedOrHasNoRecord() {
    for (String id : List.of("dead", "done")) {
      assertThat(start(aTask(id).withAttempt(4), "w1")).isEqualTo(started(5));
    }
    finish("dead", TaskStatus.DEAD, "boom");
    finish("done", TaskStatus.COMPLETED, null);
    assignments.markItemCompleted("done").toCompletableFuture().join();
    long ttl = fleet.redis().getMap(fleet.keys().assignment("dead")).remainTimeToLive();

    List<Long> results =
        new TaskAssignments(fleet, Duration.ZERO, new io.docfleet.redis.SlotGroups(true))
            .writeAll(
                List.of(
                    new TaskAssignments.DeadRetried("dead"),
                    new TaskAssignments.DeadRetried("done"),
                    new TaskAssignments.DeadRetried("gone")))
            .toCompletableFuture()
            .join();

    assertThat(results).containsExactly(1L, 0L, 0L);
    assertThat(assignments.read("dead"))
        .containsEntry("attempts", "0")
        .containsEntry("status", "dead")
        .containsEntry("last_error", "boom");
    assertThat(fleet.redis().getMap(fleet.keys().assignment("dead")).remainTimeToLive())
        .isPositive() // kept its expiry
        .isLessThanOrEqualTo(ttl);
    assertThat(assignments.read("gone")).isEmpty();
    assertThat(start(aTask("dead"), "w2")).isEqualTo(started(1));
    assertThat(start(aTask("done"), "w2")).isEqualTo(new BeginResult.AlreadyCompleted());
  }

  @Test
  void splitByClusterSlotABatchKeepsEachWritesAnswerAndOrder() {
    TaskAssignments asOnACluster =
        new TaskAssignments(fleet, Duration.ofHours(24), new io.docfleet.redis.SlotGroups(true));
    finish("t7", TaskStatus.COMPLETED, null);
    List<TaskAssignments.Write> writes = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      writes.add(new Start(aTask("t" + i).withAttempt(i % 3), "w1"));
    }
    writes.add(new Finish("t1", TaskStatus.COMPLETED, null));
    writes.add(new ItemCompleted("t1"));

    List<Long> results = asOnACluster.writeAll(writes).toCompletableFuture().join();

    for (int i = 0; i < 20; i++) {
      BeginResult expected = i == 7 ? new BeginResult.CompletedStillInFlight() : started(i % 3 + 1);
      assertThat(BeginResult.fromReply(results.get(i))).as("t" + i).isEqualTo(expected);
    }
    assertThat(results.subList(20, 22)).containsExactly(1L, 1L);
    assertThat(assignments.read("t1"))
        .containsEntry("status", "completed")
        .doesNotContainKey("unsettled");
  }
}
