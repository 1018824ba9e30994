package io.docfleet.worker.runtime;

import static io.docfleet.testing.Tasks.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.redis.FleetContext;
import io.docfleet.task.Priority;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import io.docfleet.worker.queue.ClaimedItem;
import io.docfleet.worker.queue.WorkerQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An idle worker's wait on every open lane at once: a task pushed to any lane is begun from the
 * wait itself (with a long block, a wait on the normal lane alone would come back empty); what
 * another lane's BLMOVE moved after the first waits, in flight, for the next turn; a lane never has
 * more than one BLMOVE outstanding however often the loop waits; a paused lane is not waited on.
 */
class LaneWaitTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("lane-wait");

  private static final Duration BLOCK = Duration.ofSeconds(1);

  private final FleetContext fleet = redis.context(Clock.systemUTC());
  private final WorkerQueue queue = new WorkerQueue(fleet, "noop", "w1");
  private final LaneWait wait = new LaneWait(queue, BLOCK);

  private void push(Priority lane, String id) {
    fleet
        .redis()
        .getList(fleet.keys().runs().lane("noop", lane))
        .add(0, fleet.codec().encode(aTask(id).withPriority(lane)));
  }

  private List<String> lane(Priority lane) {
    return fleet.redis().<String>getList(fleet.keys().runs().lane("noop", lane)).readAll();
  }

  private List<ClaimedItem> waitWhilePushing(Priority lane, String id) throws Exception {
    CompletableFuture<List<ClaimedItem>> waiting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return wait.await(Set.of(), 5);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    push(lane, id);
    return waiting.get();
  }

  @Test
  void aTaskPushedToTheHighLaneIsBegunFromTheWait() throws Exception {
    assertThat(waitWhilePushing(Priority.HIGH, "h"))
        .extracting(ClaimedItem::taskId)
        .containsExactly("h");
  }

  @Test
  void aTaskPushedToTheLowLaneIsBegunFromTheWait() throws Exception {
    assertThat(waitWhilePushing(Priority.LOW, "l"))
        .extracting(ClaimedItem::taskId)
        .containsExactly("l");
  }

  @Test
  void whatAnotherLaneMovedAfterTheFirstWaitsInFlightForTheNextTurn() throws Exception {
    push(Priority.HIGH, "h");
    push(Priority.LOW, "l");

    List<ClaimedItem> begun = new ArrayList<>(wait.await(Set.of(), 5));
    wait.awaitQuiet(Duration.ofSeconds(10));
    var arrival = wait.nextArrival();
    if (arrival.isPresent()) {
      begun.addAll(queue.begin(arrival.get(), 0).toCompletableFuture().join().items());
    }

    // the low item either came in the first claim (taken by the lanes' shares) or through its own
    // BLMOVE, as an arrival: either way both are begun once, and both are in flight
    assertThat(begun).extracting(ClaimedItem::taskId).containsExactlyInAnyOrder("h", "l");
    assertThat(wait.nextArrival()).isEmpty();
    assertThat(queue.inFlight()).hasSize(2);
  }

  @Test
  void aLaneNeverHasMoreThanOneBlmoveOutstanding() throws Exception {
    for (int turn = 0; turn < 3; turn++) {
      assertThat(wait.await(Set.of(), 5)).isEmpty();
      assertThat(wait.outstanding()).isBetween(0, 3);
    }
    wait.awaitQuiet(Duration.ofSeconds(10));
    assertThat(wait.outstanding()).isZero();
    push(Priority.NORMAL, "n");
    assertThat(wait.await(Set.of(), 5)).extracting(ClaimedItem::taskId).containsExactly("n");
  }

  @Test
  void aPausedLaneIsNotWaitedOn() throws Exception {
    push(Priority.NORMAL, "n");

    assertThat(wait.await(Set.of(Priority.NORMAL), 3)).isEmpty();
    assertThat(wait.nextArrival()).isEmpty();
    assertThat(lane(Priority.NORMAL)).hasSize(1);
  }
}
