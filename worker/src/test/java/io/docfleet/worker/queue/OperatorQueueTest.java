package io.docfleet.worker.queue;

import static io.docfleet.queue.BeginResult.started;
import static io.docfleet.testing.Tasks.aTask;
import static io.docfleet.testing.Tasks.tasks;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.queue.BeginResult;
import io.docfleet.queue.DeadLetter;
import io.docfleet.queue.DeadLetters;
import io.docfleet.queue.QueueCounter;
import io.docfleet.queue.QueuePauses;
import io.docfleet.queue.TaskAssignments;
import io.docfleet.queue.TaskStatus;
import io.docfleet.task.MalformedTaskException;
import io.docfleet.task.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What operators do to queues: pause and resume, read, retry and purge dead letters. */
class OperatorQueueTest extends NoopQueueFixture {
  private void deadLetterAll(List<String> items) {
    for (String item : items) {
      queue
          .deadLetter(item, new DeadLetter(null, item, "boom", clock.instant(), "w1", 5), true)
          .toCompletableFuture()
          .join();
    }
  }

  private void deadLetterAsTasks(List<String> items) throws MalformedTaskException {
    for (String item : items) {
      Task task = decode(item);
      queue
          .deadLetter(item, new DeadLetter(task.id(), item, "boom", clock.instant(), "w1", 5), true)
          .toCompletableFuture()
          .join();
    }
  }

  @Test
  void aPausedTypeIsNotClaimedUntilResumed() {
    QueuePauses pauses = new QueuePauses(fleet);
    submitter.submitAll(tasks("noop", "t", 2));

    assertThat(pauses.pause("noop")).isTrue();
    clock.advance(Duration.ofMinutes(1));
    assertThat(pauses.pause("noop")).isFalse();

    assertThat(pauses.isPaused("noop")).isTrue();
    assertThat(queue.claimOrPaused(5).toCompletableFuture().join())
        .isEqualTo(new WorkerQueue.Claimed(true, List.of()));
    assertThat(pauses.pausedSince("noop")).contains(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(pauses.allPaused()).containsOnlyKeys("noop");
    assertThat(pauses.paused(List.of("noop", "ocr"))).containsOnlyKeys("noop");
    assertThat(claim(5)).isEmpty();

    assertThat(pauses.resume("noop")).isTrue();
    assertThat(pauses.resume("noop")).isFalse();
    assertThat(pauses.isPaused("noop")).isFalse();
    assertThat(claim(5)).hasSize(2);
  }

  @Test
  void aPauseSetByHandWithoutATimeStillCounts() {
    fleet.redis().getBucket(fleet.keys().paused("noop")).set("1");

    assertThat(new QueuePauses(fleet).pausedSince("noop")).contains(Instant.ofEpochMilli(1));
    fleet.redis().getBucket(fleet.keys().paused("noop")).set("yes");
    assertThat(new QueuePauses(fleet).pausedSince("noop")).contains(Instant.EPOCH);
  }

  @Test
  void deadLettersAreListedNewestFirstAndRetriedOldestFirstWithAttemptsReset() throws Exception {
    submitter.submitAll(tasks("noop", "t", 3));
    deadLetterAsTasks(claim(3));
    DeadLetters dead = new DeadLetters(fleet, "noop");

    assertThat(dead.size()).isEqualTo(3);
    assertThat(dead.list(0, 2)).extracting(DeadLetter::taskId).containsExactly("t-2", "t-1");
    assertThat(dead.list(2, 10)).extracting(DeadLetter::taskId).containsExactly("t-0");

    DeadLetters.RetryResult result = dead.retry(List.of(), 2);

    assertThat(result).isEqualTo(new DeadLetters.RetryResult(2, 0));
    assertThat(dead.size()).isEqualTo(1);
    List<String> again = claim(5);
    assertThat(again).hasSize(2);
    assertThat(decode(again.get(0)).id()).isEqualTo("t-0");
    assertThat(decode(again.get(0)).attempt()).isZero();
    assertThat(inspector.stats("noop").counter(QueueCounter.DEAD_RETRIED)).isEqualTo(2);
  }

  @Test
  void retryingByIdTakesOnlyThoseAndSkipsEntriesThatHoldNoTask() throws Exception {
    submitter.submitAll(tasks("noop", "t", 3));
    deadLetterAsTasks(claim(3));
    fleet.redis().getList(fleet.keys().ready("noop")).add("not json");
    deadLetterAll(claim(1));
    DeadLetters dead = new DeadLetters(fleet, "noop");

    assertThat(dead.retry(Set.of("t-1"), 10)).isEqualTo(new DeadLetters.RetryResult(1, 0));
    assertThat(dead.retry(List.of(), 10)).isEqualTo(new DeadLetters.RetryResult(2, 1));
    assertThat(dead.retry(List.of(), 10)).isEqualTo(new DeadLetters.RetryResult(0, 1));
    assertThat(dead.size()).isEqualTo(1);
  }

  /**
   * Runs {@code task} as a worker would until its attempts ran out: each attempt started and ended
   * in its record, the item dead-lettered with the last.
   */
  private void runUntilDead(String taskId, int attempts) throws Exception {
    TaskAssignments assignments = new TaskAssignments(fleet, Duration.ofHours(1));
    String item = claim(1).get(0);
    Task task = decode(item);
    assertThat(task.id()).isEqualTo(taskId);
    for (int attempt = 1; attempt <= attempts; attempt++) {
      assertThat(
              assignments.start(task.withAttempt(attempt - 1), "w1").toCompletableFuture().join())
          .isEqualTo(started(attempt));
      assignments.finish(taskId, TaskStatus.RETRYING, "boom").toCompletableFuture().join();
    }
    queue
        .deadLetter(
            item, new DeadLetter(taskId, item, "boom", clock.instant(), "w1", attempts), true)
        .toCompletableFuture()
        .join();
    assignments.finish(taskId, TaskStatus.DEAD, "boom").toCompletableFuture().join();
  }

  @Test
  void aRetriedDeadLetterStartsAgainAtItsFirstAttemptByIdOrWithAllTheOthers() throws Exception {
    TaskAssignments assignments = new TaskAssignments(fleet, Duration.ofHours(1));
    for (String id : List.of("by-id", "all-1", "all-2")) {
      submitter.submit(aTask(id));
      runUntilDead(id, 5);
    }
    DeadLetters dead = new DeadLetters(fleet, "noop");

    assertThat(dead.retry(Set.of("by-id"), 10)).isEqualTo(new DeadLetters.RetryResult(1, 0));
    Task byId = decode(claim(1).get(0));
    assertThat(byId.attempt()).isZero();
    assertThat(assignments.start(byId, "w2").toCompletableFuture().join()).isEqualTo(started(1));

    assertThat(dead.retry(List.of(), 10)).isEqualTo(new DeadLetters.RetryResult(2, 0));
    for (String item : claim(5)) {
      Task task = decode(item);
      assertThat(assignments.start(task, "w2").toCompletableFuture().join())
          .as(task.id())
          .isEqualTo(started(1));
    }
    assertThat(assignments.read("all-2"))
        .containsEntry("status", "running")
        .containsEntry("attempts", "1")
        .containsEntry("last_error", "boom");
    assertThat(dead.size()).isZero();
  }

  @Test
  void aRetriedDeadLetterOfATaskThatCompletedSinceStaysCompleted() throws Exception {
    TaskAssignments assignments = new TaskAssignments(fleet, Duration.ofHours(1));
    submitter.submit(aTask("done"));
    runUntilDead("done", 2);
    assignments.finish("done", TaskStatus.COMPLETED, null).toCompletableFuture().join();
    assignments.markItemCompleted("done").toCompletableFuture().join();

    new DeadLetters(fleet, "noop").retry(List.of(), 10);

    Task again = decode(claim(1).get(0));
    assertThat(assignments.start(again, "w2").toCompletableFuture().join())
        .isEqualTo(new BeginResult.AlreadyCompleted());
    assertThat(assignments.read("done")).containsEntry("attempts", "2");
  }

  @Test
  void purgingEmptiesTheListAndCountsWhatItRemoved() throws Exception {
    submitter.submitAll(tasks("noop", "t", 2));
    deadLetterAsTasks(claim(2));
    DeadLetters dead = new DeadLetters(fleet, "noop");

    assertThat(dead.purge()).isEqualTo(2);
    assertThat(dead.purge()).isZero();
    assertThat(dead.size()).isZero();
    assertThat(inspector.stats("noop").counter(QueueCounter.DEAD_PURGED)).isEqualTo(2);
  }

  @Test
  void theOldestReadyTaskTellsWhenItWasQueued() {
    assertThat(inspector.oldestReadyEnqueuedAt("noop")).isEmpty();

    submitter.submit(aTask("first"));
    clock.advance(Duration.ofSeconds(30));
    submitter.submit(aTask("second"));

    assertThat(inspector.oldestReadyEnqueuedAt("noop")).contains(clock.instant().minusSeconds(30));
  }

  @Test
  void anOldestItemThatIsNotATaskOrHasNoTimeHasNoAge() {
    fleet.redis().getList(fleet.keys().ready("noop")).add("not json");
    assertThat(inspector.oldestReadyEnqueuedAt("noop")).isEmpty();

    fleet.redis().getList(fleet.keys().ready("noop")).clear();
    fleet.redis().getList(fleet.keys().ready("noop")).add(fleet.codec().encode(aTask("bare")));
    assertThat(inspector.oldestReadyEnqueuedAt("noop")).isEmpty();
  }
}
