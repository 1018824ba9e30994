package io.docfleet.queue;

import static io.docfleet.testing.Tasks.aTask;
import static io.docfleet.testing.Tasks.tasks;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.config.FleetConfig.QueueSettings;
import io.docfleet.redis.FleetContext;
import io.docfleet.task.Task;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator's side of the queue on keys as a worker leaves them, written here by hand: pauses,
 * the queue's snapshot, and the dead-letter list read, retried and purged. (The worker's {@code
 * OperatorQueueTest} runs the same actions on entries a worker dead-lettered.)
 */
class OperatorActionsTest {
  private final SettableClock clock = new SettableClock();
  private String prefix;
  private FleetContext fleet;

  @BeforeEach
  void setUp() {
    prefix = TestRedis.uniquePrefix("operatoractions");
    fleet = TestRedis.context(prefix, clock);
  }

  @AfterEach
  void tearDown() {
    TestRedis.deleteKeys(fleet.redis(), prefix);
  }

  /**
   * Pushes an entry onto the dead-letter list the way a worker dead-letters, newest at the head.
   */
  private void deadLettered(String taskId, String raw) {
    DeadLetter letter = new DeadLetter(taskId, raw, "boom", clock.instant(), "w1", 5);
    fleet.redis().<String>getList(fleet.keys().dead("noop")).add(0, letter.toJson(fleet.codec()));
  }

  private void deadLettered(Task task) {
    deadLettered(task.id(), fleet.codec().encode(task));
  }

  @Test
  void aPausedTypeIsListedWithTheTimeItWasPausedUntilResumed() {
    QueuePauses pauses = new QueuePauses(fleet);
    fleet.redis().getSet(fleet.keys().queuesIndex()).add("noop");

    assertThat(pauses.pause("noop")).isTrue();
    clock.advance(Duration.ofMinutes(1));
    assertThat(pauses.pause("noop")).isFalse();

    assertThat(pauses.isPaused("noop")).isTrue();
    assertThat(pauses.pausedSince("noop")).contains(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(pauses.allPaused()).containsOnlyKeys("noop");
    assertThat(pauses.paused(List.of("noop", "ocr"))).containsOnlyKeys("noop");
    assertThat(pauses.resume("noop")).isTrue();
    assertThat(pauses.resume("noop")).isFalse();
    assertThat(pauses.isPaused("noop")).isFalse();
    assertThat(pauses.allPaused()).isEmpty();
  }

  @Test
  void aPauseSetByHandWithoutATimeCountsAsPausedSinceAnUnknownTime() {
    fleet.redis().getBucket(fleet.keys().paused("noop")).set("yes");

    assertThat(new QueuePauses(fleet).pausedSince("noop")).contains(Instant.EPOCH);
  }

  @Test
  void theSnapshotCountsEachListAndEveryWorkersInFlightItems() {
    new TaskSubmitter(fleet, QueueSettings.defaults()).submitAll(tasks("noop", "t", 3));
    fleet.redis().getSet(fleet.keys().workersIndex()).addAll(List.of("w1", "w2"));
    fleet.redis().getList(fleet.keys().inFlight("noop", "w1")).add("a");
    fleet.redis().getList(fleet.keys().inFlight("noop", "w2")).addAll(List.of("b", "c"));
    fleet.redis().getScoredSortedSet(fleet.keys().delayed("noop")).add(1, "d");
    deadLettered(aTask("dead-1"));

    QueueInspector inspector = new QueueInspector(fleet);
    QueueStats stats = inspector.stats("noop");

    assertThat(inspector.types()).contains("noop");
    assertThat(stats.type()).isEqualTo("noop");
    assertThat(stats.ready()).isEqualTo(3);
    assertThat(stats.inFlight()).isEqualTo(3);
    assertThat(stats.delayed()).isEqualTo(1);
    assertThat(stats.dead()).isEqualTo(1);
    assertThat(stats.counter(QueueCounter.SUBMITTED)).isEqualTo(3);
    assertThat(stats.counter(QueueCounter.DEAD_PURGED)).isZero();
    assertThat(inspector.oldestReadyEnqueuedAt("noop")).isPresent();
    assertThat(inspector.oldestReadyEnqueuedAt("empty")).isEmpty();
  }

  @Test
  void deadLettersAreReadNewestFirstRetriedOldestFirstAndPurged() throws Exception {
    for (int i = 0; i < 3; i++) {
      deadLettered(aTask("t-" + i).withAttempt(5));
    }
    deadLettered(null, "not json");
    DeadLetters dead = new DeadLetters(fleet, "noop");

    assertThat(dead.size()).isEqualTo(4);
    assertThat(dead.list(0, 2)).extracting(DeadLetter::raw).first().isEqualTo("not json");
    assertThat(dead.list(1, 10))
        .extracting(DeadLetter::taskId)
        .containsExactly("t-2", "t-1", "t-0");
    assertThat(dead.list(1, 1).get(0).error()).isEqualTo("boom");

    assertThat(dead.retry(Set.of("t-1"), 10)).isEqualTo(new DeadLetters.RetryResult(1, 0));
    assertThat(dead.retry(List.of(), 1)).isEqualTo(new DeadLetters.RetryResult(1, 0));
    List<String> ready = fleet.redis().<String>getList(fleet.keys().ready("noop")).readAll();
    assertThat(ready).extracting(item -> fleet.codec().decode(item).id()).contains("t-1", "t-0");
    assertThat(ready).allSatisfy(item -> assertThat(fleet.codec().decode(item).attempt()).isZero());
    assertThat(new QueueInspector(fleet).stats("noop").counter(QueueCounter.DEAD_RETRIED))
        .isEqualTo(2);

    assertThat(dead.retry(List.of(), 10)).isEqualTo(new DeadLetters.RetryResult(1, 1));
    assertThat(dead.retry(List.of(), 10)).isEqualTo(new DeadLetters.RetryResult(0, 1));
    assertThat(dead.purge()).isEqualTo(1);
    assertThat(dead.purge()).isZero();
    assertThat(dead.size()).isZero();
    assertThat(new QueueInspector(fleet).stats("noop").counter(QueueCounter.DEAD_PURGED))
        .isEqualTo(1);
  }

  @Test
  void anEntryThatIsNotADeadLetterIsReadAsUnreadable() {
    fleet.redis().<String>getList(fleet.keys().dead("noop")).add("garbage");

    DeadLetter letter = new DeadLetters(fleet, "noop").list(0, 1).get(0);

    assertThat(letter.taskId()).isNull();
    assertThat(letter.raw()).isEqualTo("garbage");
    assertThat(letter.error()).isEqualTo("unreadable dead-letter entry");
  }
}
