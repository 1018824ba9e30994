package io.docfleet.worker.queue;

import static io.docfleet.testing.Tasks.aTask;
import static io.docfleet.testing.Tasks.tasks;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.queue.DeadLetter;
import io.docfleet.queue.QueueCounter;
import io.docfleet.queue.QueueStats;
import io.docfleet.queue.SubmitResult;
import io.docfleet.task.Task;
import io.docfleet.worker.queue.WorkerQueue.ReturnReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The queue's scripts against the real Redis: submit, claim, complete, retry, dead-letter, return.
 */
class QueueScriptsTest extends NoopQueueFixture {
  @Test
  void claimsOldestFirstIntoTheWorkersInFlightList() throws Exception {
    submitter.submitAll(tasks("noop", "t", 5));

    List<String> first = claim(3);

    assertThat(first).hasSize(3);
    assertThat(decode(first.get(0)).id()).isEqualTo("t-0");
    assertThat(decode(first.get(2)).id()).isEqualTo("t-2");
    assertThat(queue.inFlight()).hasSize(3);
    assertThat(decode(claim(10).get(1)).id()).isEqualTo("t-4");
    assertThat(claim(10)).isEmpty();
    QueueStats stats = inspector.stats("noop");
    assertThat(stats.ready()).isZero();
    assertThat(stats.counter(QueueCounter.SUBMITTED)).isEqualTo(5);
    assertThat(inspector.types()).contains("noop");
  }

  @Test
  void stampsTheEnqueueTimeAndKeepsTheSubmittersOwn() throws Exception {
    clock.set(Instant.ofEpochMilli(1_000));
    submitter.submit(aTask("a"));
    submitter.submit(aTask("b").withEnqueuedAt(Instant.ofEpochMilli(7)));
    List<String> items = claim(2);
    assertThat(decode(items.get(0)).enqueuedAt()).isEqualTo(Instant.ofEpochMilli(1_000));
    assertThat(decode(items.get(1)).enqueuedAt()).isEqualTo(Instant.ofEpochMilli(7));
  }

  @Test
  void submitsManyTypesInOneCallAndReportsEachInOrder() {
    List<SubmitResult> results =
        submitter.submitAll(List.of(aTask("n1"), Task.of("s1", "sleep", null), aTask("n2")));
    assertThat(results).extracting(SubmitResult::taskId).containsExactly("n1", "s1", "n2");
    assertThat(results).allMatch(SubmitResult::queued);
    assertThat(inspector.stats("noop").ready()).isEqualTo(2);
    assertThat(inspector.stats("sleep").ready()).isEqualTo(1);
  }

  @Test
  void anIdempotencyKeyQueuesATaskOnceWithinItsWindow() {
    SubmitResult first = submitter.submit(aTask("a").withIdempotencyKey("upload-77"));
    SubmitResult again = submitter.submit(aTask("b").withIdempotencyKey("upload-77"));
    List<SubmitResult> batch =
        submitter.submitAll(
            List.of(aTask("c").withIdempotencyKey("k2"), aTask("d").withIdempotencyKey("k2")));

    assertThat(first.queued()).isTrue();
    assertThat(again.duplicate()).isTrue();
    assertThat(batch).extracting(SubmitResult::queued).containsExactly(true, false);
    assertThat(inspector.stats("noop").ready()).isEqualTo(2);
    assertThat(inspector.stats("noop").counter(QueueCounter.SUBMITTED)).isEqualTo(2);
    assertThat(
            fleet
                .redis()
                .getBucket(fleet.keys().idempotency("noop", "upload-77"))
                .remainTimeToLive())
        .isPositive();
  }

  @Test
  void aTaskDueLaterWaitsInTheDelayedSetUntilPromoted() {
    submitter.submit(aTask("later").withNotBefore(clock.instant().plusSeconds(60)));
    DelayedTaskPromoter promoter =
        new DelayedTaskPromoter(fleet, List.of("noop"), Duration.ofHours(1));

    assertThat(inspector.stats("noop").delayed()).isEqualTo(1);
    assertThat(promoter.promoteDue()).isZero();
    clock.advance(Duration.ofSeconds(61));
    assertThat(promoter.promoteDue()).isEqualTo(1);
    assertThat(inspector.stats("noop").ready()).isEqualTo(1);
    assertThat(inspector.stats("noop").delayed()).isZero();
  }

  @Test
  void thePromoterMovesMoreThanOneBatch() {
    Instant due = clock.instant().plusSeconds(1);
    submitter.submitAll(
        tasks("noop", "d", DelayedTaskPromoter.BATCH + 3).stream()
            .map(t -> t.withNotBefore(due))
            .toList());
    clock.advance(Duration.ofSeconds(2));
    assertThat(new DelayedTaskPromoter(fleet, List.of("noop"), Duration.ofHours(1)).promoteDue())
        .isEqualTo(DelayedTaskPromoter.BATCH + 3);
  }

  @Test
  void completingRemovesTheItemAndCountsIt() {
    submitter.submitAll(tasks("noop", "t", 3));
    List<String> items = claim(3);

    assertThat(queue.complete(items.get(0)).toCompletableFuture().join()).isTrue();
    assertThat(queue.completeAll(items.subList(1, 3)).toCompletableFuture().join())
        .containsExactly(true, true);

    assertThat(queue.inFlight()).isEmpty();
    assertThat(inspector.stats("noop").counter(QueueCounter.COMPLETED)).isEqualTo(3);
  }

  @Test
  void aCompletionOfAnItemNoLongerInFlightIsStaleAndChangesNothing() {
    submitter.submit(aTask("t"));
    String item = claim(1).get(0);
    queue.returnAll(ReturnReason.ORPHANED);

    assertThat(queue.complete(item).toCompletableFuture().join()).isFalse();
    assertThat(queue.retry(item, item, clock.instant()).toCompletableFuture().join()).isFalse();
    DeadLetter entry = new DeadLetter("t", item, "x", clock.instant(), "w1", 1);
    assertThat(queue.deadLetter(item, entry, true).toCompletableFuture().join()).isFalse();

    QueueStats stats = inspector.stats("noop");
    assertThat(stats.counter(QueueCounter.COMPLETED)).isZero();
    assertThat(stats.counter(QueueCounter.STALE)).isEqualTo(3);
    assertThat(stats.ready()).isEqualTo(1);
    assertThat(stats.delayed()).isZero();
    assertThat(stats.dead()).isZero();
  }

  @Test
  void aRetryGoesToTheDelayedSetWithItsDueTime() throws Exception {
    submitter.submit(aTask("t"));
    String item = claim(1).get(0);
    String next = fleet.codec().encode(decode(item).withAttempt(1));
    Instant due = clock.instant().plusSeconds(5);

    assertThat(queue.retry(item, next, due).toCompletableFuture().join()).isTrue();

    assertThat(queue.inFlight()).isEmpty();
    var delayed = fleet.redis().<String>getScoredSortedSet(fleet.keys().delayed("noop"));
    assertThat(delayed.readAll()).containsExactly(next);
    assertThat(delayed.getScore(next)).isEqualTo((double) due.toEpochMilli());
    QueueStats stats = inspector.stats("noop");
    assertThat(stats.counter(QueueCounter.RETRIED)).isEqualTo(1);
    assertThat(stats.counter(QueueCounter.FAILED)).isEqualTo(1);
  }

  @Test
  void aPollLaterGoesToTheDelayedSetWithoutCountingAFailure() throws Exception {
    submitter.submit(aTask("t"));
    String item = claim(1).get(0);
    Task task = decode(item);
    String next =
        fleet.codec().encode(task.withPayload(task.payload().deepCopy().put("jobId", "j1")));
    Instant due = clock.instant().plusSeconds(5);

    assertThat(queue.pollLater(item, next, due).toCompletableFuture().join()).isTrue();

    assertThat(queue.inFlight()).isEmpty();
    var delayed = fleet.redis().<String>getScoredSortedSet(fleet.keys().delayed("noop"));
    assertThat(delayed.readAll()).containsExactly(next);
    assertThat(delayed.getScore(next)).isEqualTo((double) due.toEpochMilli());
    assertThat(decode(next).attempt()).isEqualTo(task.attempt());
    assertThat(decode(next).payload().path("jobId").asText()).isEqualTo("j1");
    QueueStats stats = inspector.stats("noop");
    assertThat(stats.counter(QueueCounter.POLLS_SCHEDULED)).isEqualTo(1);
    assertThat(stats.counter(QueueCounter.RETRIED)).isZero();
    assertThat(stats.counter(QueueCounter.FAILED)).isZero();

    assertThat(queue.pollLater(item, next, due).toCompletableFuture().join()).isFalse();
    assertThat(inspector.stats("noop").counter(QueueCounter.STALE)).isEqualTo(1);
    assertThat(delayed.size()).isEqualTo(1);
  }

  @Test
  void deadLetteringWritesTheEntryAndCountsIt() {
    submitter.submit(aTask("t"));
    String item = claim(1).get(0);
    DeadLetter entry = new DeadLetter("t", item, "boom", clock.instant(), "w1", 5);

    assertThat(queue.deadLetter(item, entry, true).toCompletableFuture().join()).isTrue();

    List<String> dead = fleet.redis().<String>getList(fleet.keys().dead("noop")).readAll();
    DeadLetter read = DeadLetter.fromJson(fleet.codec(), dead.get(0));
    assertThat(read.taskId()).isEqualTo("t");
    assertThat(read.error()).isEqualTo("boom");
    assertThat(read.worker()).isEqualTo("w1");
    assertThat(read.attempts()).isEqualTo(5);
    assertThat(read.failedAt()).isEqualTo(clock.instant());
    assertThat(read.raw()).contains("\"id\":\"t\"");
    assertThat(inspector.stats("noop").counter(QueueCounter.DEAD_LETTERED)).isEqualTo(1);
    assertThat(inspector.stats("noop").counter(QueueCounter.FAILED)).isEqualTo(1);
  }

  @Test
  void aDeadLetterKeepsTheOriginalBytesOfAnItemThatIsNotATask() {
    DeadLetter entry = new DeadLetter(null, "{oops", "malformed", clock.instant(), "w1", 0);
    DeadLetter read = DeadLetter.fromJson(fleet.codec(), entry.toJson(fleet.codec()));
    assertThat(read.raw()).isEqualTo("{oops");
    assertThat(read.taskId()).isNull();
    assertThat(DeadLetter.fromJson(fleet.codec(), "garbage").error())
        .isEqualTo("unreadable dead-letter entry");
  }

  @Test
  void aDuplicateIsDroppedAndCounted() {
    submitter.submit(aTask("t"));
    String item = claim(1).get(0);
    assertThat(queue.dropDuplicate(item).toCompletableFuture().join()).isTrue();
    assertThat(queue.inFlight()).isEmpty();
    assertThat(inspector.stats("noop").counter(QueueCounter.DUPLICATES)).isEqualTo(1);
  }

  @Test
  void returnItemsMovesNamedInFlightItemsToTheHeadOnceEach() throws Exception {
    submitter.submitAll(tasks("noop", "t", 3));
    List<String> items = claim(3);

    assertThat(
            queue
                .returnItems(List.of(items.get(1), items.get(1), "gone"))
                .toCompletableFuture()
                .join())
        .isEqualTo(1);

    assertThat(queue.inFlight()).containsExactlyInAnyOrder(items.get(0), items.get(2));
    assertThat(decode(claim(1).get(0)).id()).as("the next to run").isEqualTo("t-1");
    assertThat(inspector.stats("noop").counter(QueueCounter.RETURNED)).isEqualTo(1);
  }

  @Test
  void returnAllMovesItemsToTheHeadInTheOrderTheyWereClaimed() throws Exception {
    submitter.submitAll(tasks("noop", "t", 4));
    claim(3);

    assertThat(queue.returnAll(ReturnReason.SHUTDOWN)).isEqualTo(3);
    assertThat(queue.returnAll(ReturnReason.SHUTDOWN)).isZero();

    List<String> again = claim(4);
    assertThat(again).extracting(i -> decode(i).id()).containsExactly("t-0", "t-1", "t-2", "t-3");
    assertThat(inspector.stats("noop").counter(QueueCounter.RETURNED_ON_SHUTDOWN)).isEqualTo(3);
  }

  @Test
  void aPausedTypeIsNotClaimed() {
    submitter.submit(aTask("t"));
    fleet.redis().getBucket(fleet.keys().paused("noop")).set("1");
    assertThat(queue.claimOrPaused(5).toCompletableFuture().join())
        .isEqualTo(new WorkerQueue.Claimed(true, List.of()));
    fleet.redis().getBucket(fleet.keys().paused("noop")).delete();
    WorkerQueue.Claimed claimed = queue.claimOrPaused(5).toCompletableFuture().join();
    assertThat(claimed.paused()).isFalse();
    assertThat(claimed.items()).hasSize(1);
    assertThat(queue.claimOrPaused(5).toCompletableFuture().join())
        .as("nothing ready, not paused")
        .isEqualTo(new WorkerQueue.Claimed(false, List.of()));
  }

  @Test
  void awaitOneBlocksUntilATaskIsReadyOrTheTimeoutPasses() throws Exception {
    assertThat(queue.awaitOne(Duration.ofMillis(100))).isEmpty();
    submitter.submit(aTask("t"));
    String item = queue.awaitOne(Duration.ofSeconds(1)).orElseThrow();
    assertThat(decode(item).id()).isEqualTo("t");
    assertThat(queue.inFlight()).containsExactly(item);
  }

  @Test
  void inFlightCountsEveryRegisteredWorkersList() {
    fleet.redis().getSet(fleet.keys().workersIndex()).add("w1");
    submitter.submitAll(tasks("noop", "t", 3));
    claim(2);
    assertThat(inspector.stats("noop").inFlight()).isEqualTo(2);
  }
}
