package io.docfleet.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.queue.TaskAssignments.Finish;
import io.docfleet.queue.TaskAssignments.Start;
import io.docfleet.redis.FleetContext;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TaskAssignmentsTest {
  private final SettableClock clock = new SettableClock(Instant.ofEpochMilli(1_000));
  private final String prefix = TestRedis.uniquePrefix("assignments");
  private final FleetContext fleet = TestRedis.context(prefix, clock);
  private final TaskAssignments assignments = new TaskAssignments(fleet, Duration.ofHours(1));

  @AfterEach
  void tearDown() {
    TestRedis.deleteKeys(fleet.redis(), prefix);
  }

  private static Task task(String id) {
    return Task.of(id, "noop", null);
  }

  @Test
  void writesStartsAndFinishesOfManyTasksInOneCall() {
    List<Long> started =
        assignments
            .writeAll(List.of(new Start(task("a"), "w1"), new Start(task("b"), "w1")))
            .toCompletableFuture()
            .join();
    clock.advance(Duration.ofMillis(5));
    List<Long> finished =
        assignments
            .writeAll(
                List.of(new Finish("a", "completed", null), new Finish("b", "retrying", "boom")))
            .toCompletableFuture()
            .join();

    assertThat(started).containsExactly(1L, 1L);
    assertThat(finished).containsExactly(1L, 1L);
    assertThat(assignments.read("a"))
        .containsEntry("worker", "w1")
        .containsEntry("started_at", "1000")
        .containsEntry("completed_at", "1005")
        .containsEntry("status", "completed");
    assertThat(assignments.read("b"))
        .containsEntry("ended_at", "1005")
        .containsEntry("status", "retrying")
        .containsEntry("last_error", "boom");
    assertThat(fleet.redis().getKeys().remainTimeToLive(fleet.keys().assignment("a"))).isPositive();
  }

  @Test
  void refusesToStartATaskThatCompletedAndCountsAttemptsOtherwise() {
    assignments.writeAll(List.of(new Start(task("done"), "w1"))).toCompletableFuture().join();
    assignments
        .writeAll(List.of(new Finish("done", "completed", null)))
        .toCompletableFuture()
        .join();

    List<Long> results =
        assignments
            .writeAll(
                List.of(
                    new Start(task("done"), "w2"), new Start(task("again").withAttempt(2), "w2")))
            .toCompletableFuture()
            .join();

    assertThat(results).containsExactly((long) TaskAssignments.ALREADY_COMPLETED, 3L);
  }
}
