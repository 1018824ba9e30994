package io.docfleet.worker.runtime;

import static io.docfleet.testing.Tasks.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.docfleet.redis.FleetContext;
import io.docfleet.task.Priority;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import io.docfleet.worker.queue.ClaimedItem;
import io.docfleet.worker.queue.WorkerQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An idle worker's wait on every open lane at once: a task pushed to any lane is begun from the
 * wait itself (with a long block, a wait on the normal lane alone would come back empty), what
 * other lanes moved meanwhile is begun too or, with no free place, goes back to its lane, and every
 * place the wait held is released once.
 */
class LaneWaitTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("lane-wait");

  private static final Duration BLOCK = Duration.ofSeconds(3);

  private final FleetContext fleet = redis.context(Clock.systemUTC());
  private final WorkerQueue queue = new WorkerQueue(fleet, "noop", "w1");
  private final AtomicInteger released = new AtomicInteger();
  private final List<ClaimedItem> late = new CopyOnWriteArrayList<>();
  private final LaneWait wait = new LaneWait(queue, BLOCK, released::addAndGet, late::addAll);

  private void push(Priority lane, String id) {
    fleet
        .redis()
        .getList(fleet.keys().runs().lane("noop", lane))
        .add(0, fleet.codec().encode(aTask(id).withPriority(lane)));
  }

  private List<String> lane(Priority lane) {
    return fleet.redis().<String>getList(fleet.keys().runs().lane("noop", lane)).readAll();
  }

  private LaneWait.Result waitWhilePushing(Priority lane, String id, int held) {
    CompletableFuture<LaneWait.Result> waiting =
        CompletableFuture.supplyAsync(() -> wait.await(Set.of(), held));
    push(lane, id);
    return waiting.join();
  }

  @Test
  void aTaskPushedToTheHighLaneIsBegunFromTheWait() {
    LaneWait.Result result = waitWhilePushing(Priority.HIGH, "h", 5);

    assertThat(result.items()).extracting(ClaimedItem::taskId).containsExactly("h");
    assertThat(result.handedOff()).isEqualTo(2);
    await().atMost(Duration.ofSeconds(10)).until(() -> released.get() == 2);
    assertThat(late).isEmpty();
  }

  @Test
  void aTaskPushedToTheLowLaneIsBegunFromTheWait() {
    LaneWait.Result result = waitWhilePushing(Priority.LOW, "l", 5);

    assertThat(result.items()).extracting(ClaimedItem::taskId).containsExactly("l");
    await().atMost(Duration.ofSeconds(10)).until(() -> released.get() == 2);
  }

  @Test
  void whatTheOtherLanesMovedIsBegunTooEachInAPlaceKeptForIt() {
    push(Priority.HIGH, "h");
    push(Priority.LOW, "l");

    LaneWait.Result result = wait.await(Set.of(), 5);

    // the low item either arrives through its own BLMOVE (begun late, in a kept place; the other
    // kept place is released) or, when the first claim reached Redis before that BLMOVE, in the
    // first claim (both kept places released): either way both places are accounted for
    await().atMost(Duration.ofSeconds(10)).until(() -> released.get() + late.size() == 2);
    List<String> begun =
        java.util.stream.Stream.concat(result.items().stream(), late.stream())
            .map(ClaimedItem::taskId)
            .toList();
    assertThat(begun).containsExactlyInAnyOrder("h", "l");
    assertThat(queue.inFlight()).hasSize(2);
  }

  @Test
  void withOnePlaceAnItemThatArrivesSecondGoesBackToTheHeadOfItsLane() {
    push(Priority.HIGH, "h");
    push(Priority.NORMAL, "n");
    push(Priority.NORMAL, "n2");

    LaneWait.Result result = wait.await(Set.of(), 1);

    assertThat(result.handedOff()).isZero();
    assertThat(result.items()).hasSize(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> queue.inFlight().size() == 1);
    assertThat(late).isEmpty();
    assertThat(released).hasValue(0);
    int ready = lane(Priority.HIGH).size() + lane(Priority.NORMAL).size();
    assertThat(ready).isEqualTo(2);
    assertThat(
            new io.docfleet.queue.QueueInspector(fleet)
                .stats("noop")
                .counter(io.docfleet.queue.QueueCounter.RETURNED))
        .as("an item put back is not counted as returned")
        .isZero();
    if (result.items().get(0).taskId().equals("h")) {
      // n went back to the head (the right end) of the normal lane, still before n2
      assertThat(lane(Priority.NORMAL)).hasSize(2);
      assertThat(lane(Priority.NORMAL).get(1)).contains("\"id\":\"n\"");
    }
  }

  @Test
  void aPausedLaneIsNotWaitedOn() {
    push(Priority.NORMAL, "n");

    LaneWait.Result result = wait.await(Set.of(Priority.NORMAL), 3);

    assertThat(result.items()).isEmpty();
    assertThat(result.handedOff()).isEqualTo(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> released.get() == 1);
    assertThat(lane(Priority.NORMAL)).hasSize(1);
  }
}
