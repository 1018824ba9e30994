package io.docfleet.worker.queue;

import static io.docfleet.queue.BeginResult.started;
import static io.docfleet.testing.Tasks.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.queue.BeginResult;
import io.docfleet.queue.QueueCounter;
import io.docfleet.queue.TaskRecord;
import io.docfleet.queue.TaskStatus;
import io.docfleet.testing.TestRedis;
import io.docfleet.worker.queue.WorkerQueue.ReturnReason;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * What a claim's begin decides for each item it moves ({@code claim.lua}): the run lock it takes,
 * in Redisson's format; the attempt it counts, across retries, polls and workers that died; and
 * which copies it drops as duplicates.
 */
class ClaimScriptTest extends NoopQueueFixture {

  private ClaimedItem claimOne() {
    List<ClaimedItem> claimed = claim(1);
    assertThat(claimed).hasSize(1);
    return claimed.get(0);
  }

  /** Ends the run as a failed attempt that runs again, and brings its retry back to the queue. */
  private void failAndRetry(ClaimedItem run, int attempt) throws Exception {
    String next = fleet.codec().encode(decode(run.item()).withAttempt(attempt));
    String record =
        TaskRecord.ended(
                TaskStatus.RETRYING, "w1", attempt, run.startedAt(), clock.millis(), "boom")
            .withErrorTrace("java.lang.IllegalStateException: boom\n  at a.B.c(B.java:3)")
            .toJson();
    queue.ends().retry(run, next, clock.instant(), record).toCompletableFuture().join();
    new DelayedTaskPromoter(fleet, List.of("noop"), Duration.ofHours(1)).promoteDue();
  }

  @Test
  void aBegunRunHoldsItsLockAsRedissonSeesItAndIsRecordedRunning() {
    submitter.submit(aTask("t"));

    ClaimedItem run = claimOne();

    assertThat(run.begun()).isEqualTo(started(1));
    assertThat(run.taskId()).isEqualTo("t");
    assertThat(run.lock().key()).isEqualTo(fleet.keys().runs().lock("noop", "t"));
    assertThat(run.lock().field()).isEqualTo(fleet.redis().getId() + ":" + run.lock().owner());
    assertThat(fleet.redis().<String, String>getMap(run.lock().key(), StringCodec.INSTANCE))
        .containsExactly(Map.entry(run.lock().field(), "1"));
    assertThat(fleet.redis().getKeys().remainTimeToLive(run.lock().key()))
        .isBetween(20_000L, 30_000L);
    assertThat(fleet.redis().getLock(run.lock().key()).isLocked()).isTrue();
    assertThat(record("t"))
        .containsExactly(
            Map.entry("status", "running"),
            Map.entry("attempts", "1"),
            Map.entry("worker", "w1"),
            Map.entry("started_at", Long.toString(clock.millis())));
    assertThat(run.startedAt()).isEqualTo(clock.millis());
  }

  @Test
  void eachRunOfOneClaimHasItsOwnOwner() {
    submitter.submitAll(io.docfleet.testing.Tasks.tasks("noop", "t", 3));

    List<ClaimedItem> runs = claim(3);

    assertThat(runs).extracting(run -> run.lock().owner()).doesNotHaveDuplicates();
    for (ClaimedItem run : runs) {
      assertThat(
              fleet
                  .redis()
                  .<String, String>getMap(run.lock().key(), StringCodec.INSTANCE)
                  .containsKey(run.lock().field()))
          .isTrue();
    }
  }

  @Test
  void attemptsAreCountedAcrossRetriesAndWorkersThatDied() throws Exception {
    submitter.submit(aTask("t"));
    failAndRetry(claimOne(), 1);

    assertThat(claimOne().begun()).isEqualTo(started(2));
    // this worker died; the reaper returned the task as it was claimed (attempt 1)
    queue.returnAll(ReturnReason.ORPHANED);
    assertThat(claimOne().begun()).isEqualTo(started(3));
    assertThat(record("t"))
        .containsEntry("status", "running")
        .containsEntry("last_error", "boom")
        .containsEntry("error_trace", "java.lang.IllegalStateException: boom\n  at a.B.c(B.java:3)")
        .containsEntry("attempts", "3");
  }

  @Test
  void aTaskThatWaitsGivesItsAttemptBackButAWorkerThatDiedStillCounts() throws Exception {
    submitter.submit(aTask("t"));
    ClaimedItem run = claimOne();
    String waiting =
        TaskRecord.ended(TaskStatus.WAITING, "w1", 0, run.startedAt(), clock.millis(), null)
            .toJson();
    queue.ends().pollLater(run, run.item(), clock.instant(), waiting).toCompletableFuture().join();
    new DelayedTaskPromoter(fleet, List.of("noop"), Duration.ofHours(1)).promoteDue();

    assertThat(claimOne().begun()).isEqualTo(started(1));
    queue.returnAll(ReturnReason.ORPHANED);
    assertThat(claimOne().begun()).isEqualTo(started(2));
  }

  @Test
  void theItemsAttemptCountsWhereTheTaskHasNoRecord() {
    submitter.submit(aTask("t").withAttempt(3));
    assertThat(claimOne().begun()).isEqualTo(started(4));
  }

  @Test
  void aCopyOfATaskThatCompletedIsDroppedAsADuplicateWithoutALock() {
    submitter.submit(aTask("t"));
    assertThat(complete(claimOne())).isTrue();
    submitter.submit(aTask("t"));

    ClaimedItem copy = claimOne();

    assertThat(copy.begun()).isEqualTo(new BeginResult.AlreadyCompleted());
    assertThat(copy.locked()).isFalse();
    assertThat(queue.inFlight()).isEmpty();
    assertThat(fleet.redis().getKeys().countExists(fleet.keys().runs().lock("noop", "t"))).isZero();
    assertThat(inspector.stats("noop").counter(QueueCounter.DUPLICATES)).isEqualTo(1);
    assertThat(record("t")).containsEntry("status", "completed");
  }

  @Test
  void aCopyWhoseLockAnotherRunHoldsIsDroppedAndNothingIsWritten() throws Exception {
    RedissonClient other = TestRedis.connect(TestRedis.url());
    try {
      RLock theirs = other.getLock(fleet.keys().runs().lock("noop", "t"));
      assertThat(theirs.tryLock()).isTrue();
      submitter.submit(aTask("t"));

      ClaimedItem copy = claimOne();

      assertThat(copy.begun()).isEqualTo(new BeginResult.LockedElsewhere());
      assertThat(queue.inFlight()).isEmpty();
      assertThat(record("t")).isEmpty();
      assertThat(inspector.stats("noop").counter(QueueCounter.DUPLICATES)).isEqualTo(1);
      assertThat(theirs.isHeldByThread(Thread.currentThread().getId())).isTrue();
      theirs.unlock();
    } finally {
      other.shutdown();
    }
  }

  @Test
  void twoCopiesInOneClaimRunOnce() {
    submitter.submitAll(List.of(aTask("t"), aTask("t")));

    List<ClaimedItem> runs = claim(2);

    assertThat(runs)
        .extracting(ClaimedItem::begun)
        .containsExactly(started(1), new BeginResult.LockedElsewhere());
    assertThat(queue.inFlight()).containsExactly(runs.get(0).item());
  }

  @Test
  void anItemWithoutATaskIdStaysInFlightWithoutALockOrARecord() {
    fleet.redis().getList(fleet.keys().ready("noop")).add("not json");
    fleet.redis().getList(fleet.keys().ready("noop")).add("{\"id\":\" \",\"type\":\"noop\"}");

    List<ClaimedItem> runs = claim(2);

    assertThat(runs).extracting(ClaimedItem::begun).containsOnly(new BeginResult.Unreadable());
    assertThat(runs).extracting(ClaimedItem::taskId).containsOnly("");
    assertThat(runs).noneMatch(ClaimedItem::locked);
    assertThat(queue.inFlight()).hasSize(2);
    assertThat(fleet.redis().getMap(fleet.keys().runs().assignments("noop")).isExists()).isFalse();
  }

  @Test
  void itemsTheFastPathCannotReadAreReadByTheirJson() {
    List<String> items =
        List.of(
            "{\"type\":\"noop\",\"id\":\"late\"}",
            "{ \"id\" : \"spaced\" }",
            "{\"id\":42,\"type\":\"noop\"}",
            "{\"v\":1,\"id\":\"esc\\\\aped\",\"type\":\"noop\"}",
            "{\"v\":1,\"id\":\"tried\",\"type\":\"noop\",\"payload\":{},\"attempt\":2}",
            "{\"v\":1,\"id\":\"quoted\",\"payload\":{\"x\":\"say \\\"hi\\\"\"}}");
    items.forEach(item -> fleet.redis().getList(fleet.keys().ready("noop")).add(0, item));

    List<ClaimedItem> runs = claim(items.size());

    assertThat(runs)
        .extracting(ClaimedItem::taskId)
        .containsExactly("late", "spaced", "42", "esc\\aped", "tried", "quoted");
    assertThat(runs.get(4).begun()).isEqualTo(started(3));
    assertThat(runs).allMatch(run -> run.begun() instanceof BeginResult.Started);
  }

  @Test
  void aRecordWrittenInAnotherFormIsStillRead() {
    fleet
        .redis()
        .getMap(fleet.keys().runs().assignments("noop"), StringCodec.INSTANCE)
        .put("t", "{\"attempts\":2,\"last_error\":\"x\",\"status\":\"dead\"}");
    submitter.submit(aTask("t"));

    assertThat(claimOne().begun()).isEqualTo(started(3));
    assertThat(record("t")).containsEntry("last_error", "x").containsEntry("status", "running");
  }
}
