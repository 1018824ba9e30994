package io.docfleet.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.queue.TaskLocation.Place;
import io.docfleet.redis.FleetContext;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestRedis;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Finding a task's item in its queue's lists, by the id it holds, within bounded scans. */
class TaskLocatorTest {
  private final SettableClock clock = new SettableClock();
  private String prefix;
  private FleetContext fleet;
  private TaskLocator locator;

  @BeforeEach
  void setUp() {
    prefix = TestRedis.uniquePrefix("tasklocator");
    fleet = TestRedis.context(prefix, clock);
    locator = new TaskLocator(fleet);
  }

  @AfterEach
  void tearDown() {
    TestRedis.deleteKeys(fleet.redis(), prefix);
  }

  private static String item(String id) {
    return "{\"id\":\"" + id + "\",\"type\":\"noop\"}";
  }

  private TaskLocation locate(String id, String status) {
    return locator.locate("noop", id, Optional.ofNullable(status));
  }

  @Test
  void eachPlaceIsFoundWhateverTheRecordSays() {
    fleet.redis().<String>getDeque(fleet.keys().ready("noop")).addFirst(item("r"));
    fleet.redis().getSet(fleet.keys().workersIndex()).add("w1");
    fleet.redis().<String>getDeque(fleet.keys().inFlight("noop", "w1")).addFirst(item("i"));
    fleet.redis().<String>getScoredSortedSet(fleet.keys().delayed("noop")).add(5_000, item("d"));
    DeadLetter letter = new DeadLetter("x", item("x"), "boom", clock.instant(), "w1", 3);
    fleet.redis().<String>getList(fleet.keys().dead("noop")).add(letter.toJson(fleet.codec()));
    fleet.redis().<String>getDeque(fleet.keys().ready("noop")).addFirst("{\"id\":42}");

    for (String status :
        new String[] {null, "running", "retrying", "waiting", "dead", "completed"}) {
      assertThat(locate("r", status))
          .isEqualTo(new TaskLocation(Place.READY, item("r"), null, null, null, null));
      assertThat(locate("i", status))
          .isEqualTo(new TaskLocation(Place.INFLIGHT, item("i"), "w1", null, null, null));
      assertThat(locate("d", status))
          .isEqualTo(
              new TaskLocation(
                  Place.DELAYED, item("d"), null, Instant.ofEpochMilli(5_000), null, null));
      TaskLocation dead = locate("x", status);
      assertThat(dead.place()).isEqualTo(Place.DEAD);
      assertThat(dead.dead().error()).isEqualTo("boom");
      assertThat(dead.raw()).isEqualTo(item("x"));
      assertThat(locate("42", status).place()).as("a whole-number id").isEqualTo(Place.READY);
      assertThat(locate("gone", status)).isEqualTo(TaskLocation.nowhere(Place.NONE, null));
    }
    assertThat(locate("gone", null).found()).isFalse();
    assertThat(Place.INFLIGHT.wireName()).isEqualTo("inflight");
  }

  @Test
  void itemsThatAreNoTasksAreSkipped() {
    var ready = fleet.redis().<String>getDeque(fleet.keys().ready("noop"));
    ready.addFirst("not json");
    ready.addFirst("[1,2]");
    ready.addFirst("{\"id\":{\"nested\":1}}");

    assertThat(locate("nested", null).place()).isEqualTo(Place.NONE);
  }

  @Test
  void pastEachScansBoundTheTaskIsUnknownWithANoteNamingTheList() {
    List<String> filler = new ArrayList<>();
    List<String> deadFiller = new ArrayList<>();
    for (int i = 0; i <= TaskLocator.SCAN_LIMIT; i++) {
      filler.add(item("f" + i));
      deadFiller.add(
          new DeadLetter("f" + i, item("f" + i), "e", clock.instant(), "w", 1)
              .toJson(fleet.codec()));
    }
    fleet.redis().<String>getList(fleet.keys().ready("noop")).addAll(filler);
    fleet.redis().<String>getList(fleet.keys().dead("noop")).addAll(deadFiller);
    var delayed = fleet.redis().<String>getScoredSortedSet(fleet.keys().delayed("noop"));
    for (int i = 0; i <= TaskLocator.SCAN_LIMIT; i += 1_000) {
      java.util.Map<String, Double> chunk = new java.util.HashMap<>();
      for (int j = i; j < Math.min(i + 1_000, TaskLocator.SCAN_LIMIT + 1); j++) {
        chunk.put(item("f" + j), (double) j);
      }
      delayed.addAll(chunk);
    }
    fleet.redis().getSet(fleet.keys().workersIndex()).add("w1");
    fleet.redis().<String>getList(fleet.keys().inFlight("noop", "w1")).addAll(filler);

    TaskLocation unknown = locate("elsewhere", "running");

    assertThat(unknown.place()).isEqualTo(Place.UNKNOWN);
    assertThat(unknown.note())
        .contains("10000")
        .contains("the ready list")
        .contains("the dead-letter list")
        .contains("the delayed set")
        .contains("the in-flight list of w1");
    assertThat(locate("f0", null).place())
        .as("past the ready list's bound, at the head of the in-flight list")
        .isEqualTo(Place.INFLIGHT);
  }
}
