package io.docfleet.worker.queue;

import static io.docfleet.testing.Tasks.aTask;
import static io.docfleet.testing.Tasks.tasks;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.config.FleetConfig.QueueSettings;
import io.docfleet.queue.BeginResult;
import io.docfleet.queue.DeadLetter;
import io.docfleet.queue.QueueCounter;
import io.docfleet.queue.QueueStats;
import io.docfleet.queue.SubmitResult;
import io.docfleet.queue.TaskRecord;
import io.docfleet.queue.TaskStatus;
import io.docfleet.task.Priority;
import io.docfleet.task.Task;
import io.docfleet.worker.queue.WorkerQueue.ReturnReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.redisson.client.codec.StringCodec;

/**
 * The queue's scripts against the real Redis: submit, claim, complete, retry, dead-letter, return;
 * each end writes the task's record and releases its run lock in the same step. What a claim's
 * begin decides is {@link ClaimScriptTest}.
 */
class QueueScriptsTest extends NoopQueueFixture {
  @Test
  void claimsOldestFirstIntoTheWorkersInFlightList() throws Exception {
    submitter.submitAll(tasks("noop", "t", 5));

    List<String> first = items(claim(3));

    assertThat(first).hasSize(3);
    assertThat(decode(first.get(0)).id()).isEqualTo("t-0");
    assertThat(decode(first.get(2)).id()).isEqualTo("t-2");
    assertThat(queue.inFlight()).hasSize(3);
    assertThat(decode(items(claim(10)).get(1)).id()).isEqualTo("t-4");
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
    List<String> items = items(claim(2));
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
  void completingTakesTheItemOffRecordsTheTaskReleasesItsLockAndCountsIt() {
    submitter.submitAll(tasks("noop", "t", 3));
    List<ClaimedItem> runs = claim(3);
    clock.advance(Duration.ofMillis(5));

    List<Boolean> completed =
        queue
            .ends()
            .completeAll(
                runs.stream()
                    .map(
                        run ->
                            new RunEnds.Completion(
                                run,
                                TaskRecord.completed("w1", 1, run.startedAt(), clock.millis(), null)
                                    .toJson()))
                    .toList())
            .toCompletableFuture()
            .join();

    assertThat(completed).containsExactly(true, true, true);
    assertThat(queue.inFlight()).isEmpty();
    assertThat(inspector.stats("noop").counter(QueueCounter.COMPLETED)).isEqualTo(3);
    assertThat(record("t-1"))
        .containsEntry("status", "completed")
        .containsEntry("attempts", "1")
        .containsEntry("worker", "w1")
        .containsEntry("completed_at", Long.toString(clock.millis()));
    assertThat(fleet.redis().getKeys().countExists(runs.get(0).lock().key())).isZero();
    assertThat(expiresAt("t-2"))
        .isEqualTo(clock.millis() + QueueSettings.DEFAULT_RETENTION.toMillis());
  }

  @Test
  void anEndOfAnItemNoLongerInFlightIsStaleAndWritesNothing() {
    submitter.submit(aTask("t"));
    ClaimedItem run = claim(1).get(0);
    queue.returnAll(ReturnReason.ORPHANED);
    ClaimedItem elsewhere =
        new WorkerQueue(fleet, "noop", "w2").claim(1).toCompletableFuture().join().items().get(0);

    assertThat(complete(run)).isFalse();
    assertThat(
            queue.ends().retry(run, run.item(), clock.instant(), "{}").toCompletableFuture().join())
        .isFalse();
    DeadLetter entry = new DeadLetter("t", run.item(), "x", clock.instant(), "w1", 1);
    assertThat(queue.ends().deadLetter(run, entry, true, "{}").toCompletableFuture().join())
        .isFalse();

    QueueStats stats = inspector.stats("noop");
    assertThat(stats.counter(QueueCounter.COMPLETED)).isZero();
    assertThat(stats.counter(QueueCounter.STALE)).isEqualTo(3);
    assertThat(stats.delayed()).isZero();
    assertThat(stats.dead()).isZero();
    assertThat(record("t"))
        .containsEntry("status", "running")
        .containsEntry("worker", "w2")
        .containsEntry("attempts", "2");
    assertThat(lockFields("t")).as("the new run's lock").containsExactly(elsewhere.lock().field());
  }

  @Test
  void aRetryGoesToTheDelayedSetWithItsRecordAndItsLockReleased() throws Exception {
    submitter.submit(aTask("t"));
    ClaimedItem run = claim(1).get(0);
    String next = fleet.codec().encode(decode(run.item()).withAttempt(1));
    Instant due = clock.instant().plusSeconds(5);
    String record =
        TaskRecord.ended(TaskStatus.RETRYING, "w1", 1, run.startedAt(), clock.millis(), "boom")
            .toJson();

    assertThat(queue.ends().retry(run, next, due, record).toCompletableFuture().join()).isTrue();

    assertThat(queue.inFlight()).isEmpty();
    var delayed = fleet.redis().<String>getScoredSortedSet(fleet.keys().delayed("noop"));
    assertThat(delayed.readAll()).containsExactly(next);
    assertThat(delayed.getScore(next)).isEqualTo((double) due.toEpochMilli());
    QueueStats stats = inspector.stats("noop");
    assertThat(stats.counter(QueueCounter.RETRIED)).isEqualTo(1);
    assertThat(stats.counter(QueueCounter.FAILED)).isEqualTo(1);
    assertThat(record("t")).containsEntry("status", "retrying").containsEntry("last_error", "boom");
    assertThat(lockFields("t")).isEmpty();
  }

  @Test
  void aPollLaterGoesToTheDelayedSetWithoutCountingAFailure() throws Exception {
    submitter.submit(aTask("t"));
    ClaimedItem run = claim(1).get(0);
    Task task = decode(run.item());
    String next =
        fleet.codec().encode(task.withPayload(task.payload().deepCopy().put("jobId", "j1")));
    Instant due = clock.instant().plusSeconds(5);
    String waiting =
        TaskRecord.ended(TaskStatus.WAITING, "w1", 0, run.startedAt(), clock.millis(), null)
            .toJson();

    assertThat(queue.ends().pollLater(run, next, due, waiting).toCompletableFuture().join())
        .isTrue();

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
    assertThat(record("t")).containsEntry("status", "waiting").containsEntry("attempts", "0");

    assertThat(queue.ends().pollLater(run, next, due, waiting).toCompletableFuture().join())
        .isFalse();
    assertThat(inspector.stats("noop").counter(QueueCounter.STALE)).isEqualTo(1);
    assertThat(delayed.size()).isEqualTo(1);
  }

  @Test
  void deadLetteringWritesTheEntryAndTheRecordAndCountsIt() {
    submitter.submit(aTask("t"));
    ClaimedItem run = claim(1).get(0);
    DeadLetter entry = new DeadLetter("t", run.item(), "boom", clock.instant(), "w1", 5);
    String record =
        TaskRecord.ended(TaskStatus.DEAD, "w1", 5, run.startedAt(), clock.millis(), "boom")
            .toJson();

    assertThat(queue.ends().deadLetter(run, entry, true, record).toCompletableFuture().join())
        .isTrue();

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
    assertThat(record("t")).containsEntry("status", "dead").containsEntry("attempts", "5");
    assertThat(lockFields("t")).isEmpty();
  }

  @Test
  void anItemWithoutATaskIsDeadLetteredWithoutARecord() {
    fleet.redis().getList(fleet.keys().ready("noop")).add("not json");
    ClaimedItem run = claim(1).get(0);
    DeadLetter entry = new DeadLetter(null, run.item(), "malformed", clock.instant(), "w1", 0);

    assertThat(queue.ends().deadLetter(run, entry, false, "{}").toCompletableFuture().join())
        .isTrue();

    assertThat(queue.inFlight()).isEmpty();
    assertThat(fleet.redis().getMap(fleet.keys().runs().assignments("noop")).isExists()).isFalse();
    assertThat(inspector.stats("noop").counter(QueueCounter.FAILED)).isZero();
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
  void returnOrphansMovesNamedInFlightItemsToTheHeadOnceEachWithThisWorkersLocksReleased()
      throws Exception {
    submitter.submitAll(tasks("noop", "t", 3));
    List<String> items = items(claim(3));

    assertThat(
            queue
                .returnOrphans(List.of(items.get(1), items.get(1), "gone"))
                .toCompletableFuture()
                .join())
        .containsExactly(true, false, false);

    assertThat(queue.inFlight()).containsExactlyInAnyOrder(items.get(0), items.get(2));
    assertThat(lockFields("t-1")).isEmpty();
    assertThat(lockFields("t-0")).hasSize(1);
    assertThat(decode(items(claim(1)).get(0)).id()).as("the next to run").isEqualTo("t-1");
    assertThat(inspector.stats("noop").counter(QueueCounter.RETURNED)).isEqualTo(1);
  }

  @Test
  void returnAllMovesItemsToTheHeadInTheOrderTheyWereClaimedAndDeletesTheirLocks()
      throws Exception {
    submitter.submitAll(tasks("noop", "t", 4));
    claim(3);

    assertThat(queue.returnAll(ReturnReason.SHUTDOWN)).isEqualTo(3);
    assertThat(queue.returnAll(ReturnReason.SHUTDOWN)).isZero();
    assertThat(lockFields("t-0")).isEmpty();

    List<ClaimedItem> again = claim(4);
    assertThat(again).extracting(ClaimedItem::taskId).containsExactly("t-0", "t-1", "t-2", "t-3");
    assertThat(again).allMatch(run -> run.begun() instanceof BeginResult.Started);
    assertThat(inspector.stats("noop").counter(QueueCounter.RETURNED_ON_SHUTDOWN)).isEqualTo(3);
  }

  @Test
  void whatAWorkerOfTheOlderVersionLeftUnderTheOldNameIsReturnedToo() {
    String item = fleet.codec().encode(aTask("old"));
    fleet.redis().getList(fleet.keys().legacy().inFlight("noop", "w1")).add(item);

    assertThat(queue.returnLegacy()).isEqualTo(1);

    assertThat(fleet.redis().getList(fleet.keys().legacy().inFlight("noop", "w1")).isExists())
        .isFalse();
    assertThat(claim(1)).extracting(ClaimedItem::taskId).containsExactly("old");
    assertThat(queue.returnLegacy()).isZero();
  }

  @Test
  void aPausedTypeIsNotClaimed() {
    submitter.submit(aTask("t"));
    fleet.redis().getBucket(fleet.keys().paused("noop")).set("1");
    assertThat(queue.claim(5).toCompletableFuture().join()).isEqualTo(new Claimed(true, List.of()));
    fleet.redis().getBucket(fleet.keys().paused("noop")).delete();
    Claimed claimed = queue.claim(5).toCompletableFuture().join();
    assertThat(claimed.paused()).isFalse();
    assertThat(claimed.items()).hasSize(1);
    assertThat(queue.claim(5).toCompletableFuture().join())
        .as("nothing ready, not paused")
        .isEqualTo(new Claimed(false, List.of()));
  }

  /**
   * What an idle claim loop does on the normal lane: BLMOVE one item into the in-flight list and
   * begin it with up to {@code max - 1} more ready items in one claim; empty when none came.
   */
  private List<ClaimedItem> awaitReady(Duration timeout, int max) {
    String item = queue.moveFrom(Priority.NORMAL, timeout).toCompletableFuture().join();
    if (item == null) {
      return List.of();
    }
    return queue.begin(item, Math.max(0, max - 1)).toCompletableFuture().join().items();
  }

  @Test
  void awaitReadyBlocksUntilATaskIsReadyOrTheTimeoutPassesAndBeginsItsRun() throws Exception {
    assertThat(awaitReady(Duration.ofMillis(100), 5)).isEmpty();
    submitter.submit(aTask("t"));
    List<ClaimedItem> runs = awaitReady(Duration.ofSeconds(1), 5);
    assertThat(runs).hasSize(1);
    ClaimedItem run = runs.get(0);
    assertThat(decode(run.item()).id()).isEqualTo("t");
    assertThat(run.begun()).isEqualTo(BeginResult.started(1));
    assertThat(queue.inFlight()).containsExactly(run.item());
    assertThat(lockFields("t")).containsExactly(run.lock().field());
    assertThat(record("t")).containsEntry("status", "running");
  }

  @Test
  void awaitReadyBeginsTheTasksSubmittedWithTheFirstInTheSameClaimUpToItsMost() {
    submitter.submitAll(tasks("noop", "t", 3));
    List<ClaimedItem> runs = awaitReady(Duration.ofSeconds(1), 2);
    assertThat(runs).extracting(ClaimedItem::taskId).containsExactly("t-0", "t-1");
    assertThat(runs).allSatisfy(run -> assertThat(run.begun()).isEqualTo(BeginResult.started(1)));
    assertThat(queue.inFlight()).hasSize(2);
    assertThat(inspector.stats("noop").ready()).isEqualTo(1);
  }

  @Test
  void inFlightCountsEveryRegisteredWorkersList() {
    fleet.redis().getSet(fleet.keys().workersIndex()).add("w1");
    submitter.submitAll(tasks("noop", "t", 3));
    claim(2);
    assertThat(inspector.stats("noop").inFlight()).isEqualTo(2);
  }

  private long expiresAt(String taskId) {
    return fleet
        .redis()
        .<String>getScoredSortedSet(
            fleet.keys().runs().assignmentsExpiry("noop"), StringCodec.INSTANCE)
        .getScore(taskId)
        .longValue();
  }

  private java.util.Set<String> lockFields(String taskId) {
    return fleet
        .redis()
        .<String, String>getMap(fleet.keys().runs().lock("noop", taskId), StringCodec.INSTANCE)
        .keySet();
  }
}
