package io.docfleet.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.redis.FleetContext;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestRedis;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pages of a type's ready list, delayed set and in-flight lists, in the order the queue takes them,
 * on keys written by hand as the scripts leave them.
 */
class QueueItemsTest {
  private final SettableClock clock = new SettableClock();
  private String prefix;
  private FleetContext fleet;
  private QueueItems items;

  @BeforeEach
  void setUp() {
    prefix = TestRedis.uniquePrefix("queueitems");
    fleet = TestRedis.context(prefix, clock);
    items = new QueueItems(fleet);
  }

  @AfterEach
  void tearDown() {
    TestRedis.deleteKeys(fleet.redis(), prefix);
  }

  /** Pushes items as submit.lua does: each at the left, so the first pushed leaves first. */
  private void ready(String... raws) {
    for (String raw : raws) {
      fleet.redis().<String>getDeque(fleet.keys().ready("noop")).addFirst(raw);
    }
  }

  private void inFlight(String worker, String... raws) {
    fleet.redis().getSet(fleet.keys().workersIndex()).add(worker);
    for (String raw : raws) {
      fleet.redis().<String>getDeque(fleet.keys().inFlight("noop", worker)).addFirst(raw);
    }
  }

  private static List<String> raws(ItemPage page) {
    return page.items().stream().map(QueueItem::raw).toList();
  }

  @Test
  void theReadyListIsReadOldestFirstAPageAtATime() {
    ready("a", "b", "c", "d", "e");

    assertThat(raws(items.ready("noop", 0, 2))).containsExactly("a", "b");
    assertThat(raws(items.ready("noop", 2, 2))).containsExactly("c", "d");
    assertThat(raws(items.ready("noop", 4, 1))).containsExactly("e");
    assertThat(raws(items.ready("noop", 3, 10))).containsExactly("d", "e");
    ItemPage past = items.ready("noop", 5, 10);
    assertThat(past.items()).isEmpty();
    assertThat(past.total()).isEqualTo(5);
    assertThat(items.ready("noop", Integer.MAX_VALUE - 1000, 1000).items()).isEmpty();
    assertThat(items.ready("empty", 0, 10)).isEqualTo(new ItemPage(0, List.of()));
  }

  @Test
  void theDelayedSetIsReadSoonestFirstWithDueTimes() {
    var delayed = fleet.redis().<String>getScoredSortedSet(fleet.keys().delayed("noop"));
    delayed.add(3_000, "late");
    delayed.add(1_000, "soon");
    delayed.add(2_000, "mid");

    ItemPage page = items.delayed("noop", 1, 5);

    assertThat(page.total()).isEqualTo(3);
    assertThat(page.items())
        .containsExactly(
            new QueueItem("mid", null, Instant.ofEpochMilli(2_000)),
            new QueueItem("late", null, Instant.ofEpochMilli(3_000)));
    assertThat(items.delayed("noop", 3, 5).items()).isEmpty();
  }

  @Test
  void inFlightListsAreOneListByWorkerIdEachOldestFirst() {
    inFlight("w2", "c", "d");
    inFlight("w1", "a", "b");
    fleet.redis().getSet(fleet.keys().workersIndex()).add("w3-idle");

    ItemPage all = items.inFlight("noop", 0, 10);
    assertThat(all.total()).isEqualTo(4);
    assertThat(all.items())
        .containsExactly(
            new QueueItem("a", "w1", null),
            new QueueItem("b", "w1", null),
            new QueueItem("c", "w2", null),
            new QueueItem("d", "w2", null));
    assertThat(raws(items.inFlight("noop", 1, 2))).containsExactly("b", "c");
    assertThat(raws(items.inFlight("noop", 2, 1))).containsExactly("c");
    assertThat(raws(items.inFlight("noop", 3, 5))).containsExactly("d");
    ItemPage past = items.inFlight("noop", 4, 5);
    assertThat(past.items()).isEmpty();
    assertThat(past.total()).isEqualTo(4);
    assertThat(items.inFlight("other", 0, 5).total()).isZero();
  }

  @Test
  void withNoWorkerNothingIsInFlight() {
    assertThat(items.inFlight("noop", 0, 5)).isEqualTo(new ItemPage(0, List.of()));
    assertThat(items.workers()).isEmpty();
  }
}
