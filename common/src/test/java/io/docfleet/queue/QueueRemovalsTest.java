package io.docfleet.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.redis.FleetContext;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestRedis;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An operator empties a ready list, or removes one task's dead letters; each is counted. */
class QueueRemovalsTest {
  private final SettableClock clock = new SettableClock();
  private String prefix;
  private FleetContext fleet;
  private QueueRemovals removals;

  @BeforeEach
  void setUp() {
    prefix = TestRedis.uniquePrefix("queueremovals");
    fleet = TestRedis.context(prefix, clock);
    removals = new QueueRemovals(fleet, "noop");
  }

  @AfterEach
  void tearDown() {
    TestRedis.deleteKeys(fleet.redis(), prefix);
  }

  private QueueCounters counters() {
    return QueueCounters.fromHash(fleet.redis().getMap(fleet.keys().stats("noop")).readAllMap());
  }

  private String deadLetter(String id) {
    return new DeadLetter(id, "{\"id\":\"" + id + "\"}", "boom", clock.instant(), "w1", 5)
        .toJson(fleet.codec());
  }

  @Test
  void theReadyListIsEmptiedAndCounted() {
    fleet.redis().<String>getList(fleet.keys().ready("noop")).addAll(List.of("a", "b", "c"));

    assertThat(removals.purgeReady()).isEqualTo(3);
    assertThat(removals.purgeReady()).isZero();

    assertThat(fleet.redis().getList(fleet.keys().ready("noop")).size()).isZero();
    assertThat(counters().get(QueueCounter.READY_PURGED)).isEqualTo(3);
  }

  @Test
  void everyDeadLetterOfOneTaskGoesAcrossPagesAndTheOthersStay() {
    List<String> entries = new ArrayList<>();
    for (int i = 0; i < 2_500; i++) {
      entries.add(deadLetter(i == 10 || i == 2_400 ? "twice" : "other-" + i));
    }
    entries.add("not a dead letter");
    fleet.redis().<String>getList(fleet.keys().dead("noop")).addAll(entries);

    assertThat(removals.deleteDead("twice")).isEqualTo(2);
    assertThat(removals.deleteDead("twice")).isZero();
    assertThat(removals.deleteDead("nobody")).isZero();

    assertThat(fleet.redis().getList(fleet.keys().dead("noop")).size()).isEqualTo(2_499);
    assertThat(counters().get(QueueCounter.DEAD_PURGED)).isEqualTo(2);
    assertThat(counters().byWireName()).containsOnlyKeys("dead_purged");
    assertThat(fleet.redis().getMap(fleet.keys().stats("noop")).readAllMap())
        .isEqualTo(Map.of("dead_purged", "2"));
  }
}
