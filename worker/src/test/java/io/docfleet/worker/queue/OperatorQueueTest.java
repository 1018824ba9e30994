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
import io.docfleet.queue.TaskRecord;
import io.docfleet.queue.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What operators do to queues: pause and resume, read, retry and purge dead letters. */
class OperatorQueueTest extends NoopQueueFixture {
  private void deadLetterAll(List<ClaimedItem> runs) {
    for (ClaimedItem run : runs) {
      DeadLetter entry = new DeadLetter(null, run.item(), "boom", clock.instant(), "w1", 5);
      queue.ends().deadLetter(run, entry, true, null).toCompletableFuture().join();
    }
  }

  private void deadLetterAsTasks(List<ClaimedItem> runs) {
    for (ClaimedItem run : runs) {
      deadLetter(run, 5);
    }
  }

  /** Dead-letters a run as the worker does after {@code attempts} failed attempts. */
  private void deadLetter(ClaimedItem run, int attempts) {
    DeadLetter entry = new DeadLetter(run.taskId(), run.item(), "boom", clock.instant(), "w1", 5);
    String record =
        TaskRecord.ended(TaskStatus.DEAD, "w1", attempts, run.startedAt(), clock.millis(), "boom")
            .toJson();
    queue.ends().deadLetter(run, entry, true, record).toCompletableFuture().join();
  }

  @Test
  void aPausedTypeIsNotClaimedUntilResumed() {
    QueuePauses pauses = new QueuePauses(fleet);
    submitter.submitAll(tasks("noop", "t", 2));

    assertThat(pauses.pause("noop")).isTrue();
    clock.advance(Duration.ofMinutes(1));
    assertThat(pauses.pause("noop")).isFalse();

    assertThat(pauses.isPaused("noop")).isTrue();
    assertThat(queue.claim(5).toCompletableFuture().join()).isEqualTo(new Claimed(true, List.of()));
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
    List<String> again = items(claim(5));
    assertThat(again).hasSize(2);
    assertThat(decode(again.get(0)).id()).isEqualTo("t-0");
    assertThat(decode(again.get(0)).attempt()).isZero();
    assertThat(inspector.stats("noop").counter(QueueCounter.DEAD_RETRIED)).isEqualTo(2);
  }

  @Test
  void retryingByIdTakesOnlyThoseAndSkipsEntriesThatHoldNoTask() {
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
   * Runs the next ready task as workers would until its attempts ran out: each attempt claimed,
   * failed and retried, the last one dead-lettered.
   */
  private void runUntilDead(String taskId, int attempts) throws Exception {
    for (int attempt = 1; attempt <= attempts; attempt++) {
      ClaimedItem run = claim(1).get(0);
      assertThat(run.taskId()).isEqualTo(taskId);
      assertThat(run.begun()).isEqualTo(started(attempt));
      if (attempt == attempts) {
        deadLetter(run, attempt);
        return;
      }
      String next = fleet.codec().encode(decode(run.item()).withAttempt(attempt));
      String record =
          TaskRecord.ended(
                  TaskStatus.RETRYING, "w1", attempt, run.startedAt(), clock.millis(), "boom")
              .toJson();
      queue.ends().retry(run, next, clock.instant(), record).toCompletableFuture().join();
      new DelayedTaskPromoter(fleet, List.of("noop"), Duration.ofHours(1)).promoteDue();
    }
  }

  @Test
  void aRetriedDeadLetterStartsAgainAtItsFirstAttemptByIdOrWithAllTheOthers() throws Exception {
    for (String id : List.of("by-id", "all-1", "all-2")) {
      submitter.submit(aTask(id));
      runUntilDead(id, 5);
    }
    DeadLetters dead = new DeadLetters(fleet, "noop");

    assertThat(dead.retry(Set.of("by-id"), 10)).isEqualTo(new DeadLetters.RetryResult(1, 0));
    assertThat(record("by-id")).containsEntry("status", "dead").containsEntry("attempts", "0");
    ClaimedItem byId = claim(1).get(0);
    assertThat(decode(byId.item()).attempt()).isZero();
    assertThat(byId.begun()).isEqualTo(started(1));

    assertThat(dead.retry(List.of(), 10)).isEqualTo(new DeadLetters.RetryResult(2, 0));
    for (ClaimedItem run : claim(5)) {
      assertThat(run.begun()).as(run.taskId()).isEqualTo(started(1));
    }
    assertThat(record("all-2"))
        .containsEntry("status", "running")
        .containsEntry("attempts", "1")
        .containsEntry("last_error", "boom");
    assertThat(dead.size()).isZero();
  }

  @Test
  void aRetriedDeadLetterOfATaskThatCompletedSinceStaysCompleted() throws Exception {
    submitter.submit(aTask("done"));
    runUntilDead("done", 2);
    submitter.submit(aTask("done"));
    assertThat(complete(claim(1).get(0))).isTrue();

    new DeadLetters(fleet, "noop").retry(List.of(), 10);

    assertThat(claim(1).get(0).begun()).isEqualTo(new BeginResult.AlreadyCompleted());
    assertThat(record("done")).containsEntry("status", "completed").containsEntry("attempts", "3");
  }

  @Test
  void purgingEmptiesTheListAndCountsWhatItRemoved() {
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
