package io.docfleet.worker.queue;

import static io.docfleet.testing.Tasks.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.config.LaneWeights;
import io.docfleet.queue.DeadLetter;
import io.docfleet.queue.DeadLetters;
import io.docfleet.redis.ReplicaAcks;
import io.docfleet.task.Priority;
import io.docfleet.task.Task;
import io.docfleet.worker.queue.WorkerQueue.ReturnReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.redisson.client.codec.StringCodec;

/**
 * Priority lanes: a task waits in its priority's list; a claim takes from the lanes by their
 * weights (or strictly), skips a paused lane, and is the claim of before when only the normal lane
 * has work; whatever goes back (a retry, a promoted delayed task, a returned or a retried dead
 * item) goes back to its own lane.
 */
class LanesTest extends NoopQueueFixture {

  private Task aTaskIn(String id, Priority lane) {
    return aTask(id).withPriority(lane);
  }

  private List<String> lane(Priority lane) {
    return fleet
        .redis()
        .<String>getList(fleet.keys().runs().lane("noop", lane), StringCodec.INSTANCE)
        .readAll();
  }

  private List<String> idsIn(Priority lane) throws Exception {
    List<String> ids = new ArrayList<>();
    for (String item : lane(lane)) {
      ids.add(decode(item).id());
    }
    return ids;
  }

  private void fill(int each) {
    List<Task> tasks = new ArrayList<>();
    for (Priority lane : Priority.values()) {
      for (int i = 0; i < each; i++) {
        tasks.add(aTaskIn(lane.wireName() + "-" + i, lane));
      }
    }
    submitter.submitAll(tasks);
  }

  private WorkerQueue queueWith(LaneWeights weights) {
    return new WorkerQueue(
        fleet,
        "noop",
        "w1",
        new WorkerQueue.Options(
            Duration.ofSeconds(30),
            Duration.ofHours(1),
            ReplicaAcks.of(fleet, Duration.ZERO),
            weights));
  }

  private Map<Priority, Integer> claimedByLane(WorkerQueue from, int total, int perClaim)
      throws Exception {
    Map<Priority, Integer> counts = new EnumMap<>(Priority.class);
    int claimed = 0;
    while (claimed < total) {
      for (ClaimedItem run :
          from.claim(Math.min(perClaim, total - claimed)).toCompletableFuture().join().items()) {
        counts.merge(decode(run.item()).priority(), 1, Integer::sum);
        claimed++;
      }
    }
    return counts;
  }

  @Test
  void eachTaskWaitsInItsLanesListAndANormalItemIsWrittenAsBefore() throws Exception {
    submitter.submitAll(
        List.of(aTaskIn("h", Priority.HIGH), aTask("n"), aTaskIn("l", Priority.LOW)));

    assertThat(idsIn(Priority.HIGH)).containsExactly("h");
    assertThat(idsIn(Priority.NORMAL)).containsExactly("n");
    assertThat(idsIn(Priority.LOW)).containsExactly("l");
    assertThat(fleet.keys().runs().lane("noop", Priority.NORMAL))
        .isEqualTo(fleet.keys().ready("noop"));
    assertThat(lane(Priority.NORMAL).get(0)).doesNotContain("priority");
    assertThat(lane(Priority.HIGH).get(0))
        .startsWith("{\"v\":1,\"id\":\"h\",\"type\":\"noop\"," + "\"priority\":\"high\"");
  }

  @Test
  void weightsEightThreeOneGiveTheirShareAcrossManySmallClaims() throws Exception {
    fill(1_000);

    assertThat(claimedByLane(queue, 1_200, 7))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(Priority.HIGH, 800, Priority.NORMAL, 300, Priority.LOW, 100));
  }

  @Test
  void otherWeightsGiveTheirShareAndALaneThatRunsDryLeavesItToTheOthers() throws Exception {
    fill(40);
    WorkerQueue weighted = queueWith(LaneWeights.parse("high=1,normal=1,low=2"));

    assertThat(claimedByLane(weighted, 40, 3))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(Priority.HIGH, 10, Priority.NORMAL, 10, Priority.LOW, 20));
    // low runs dry 20 claims later (20 of the next 40), then high and normal take turns
    assertThat(claimedByLane(weighted, 40, 5))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(Priority.HIGH, 10, Priority.NORMAL, 10, Priority.LOW, 20));
    assertThat(claimedByLane(weighted, 40, 5))
        .containsExactlyInAnyOrderEntriesOf(Map.of(Priority.HIGH, 20, Priority.NORMAL, 20));
    assertThat(weighted.claim(10).toCompletableFuture().join().items()).isEmpty();
  }

  @Test
  void strictAlwaysTakesTheHighestLaneThatHasWork() throws Exception {
    fill(3);
    WorkerQueue strict = queueWith(LaneWeights.parse("strict"));

    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      for (ClaimedItem run : strict.claim(2).toCompletableFuture().join().items()) {
        ids.add(run.taskId());
      }
    }

    assertThat(ids)
        .containsExactly(
            "high-0",
            "high-1",
            "high-2",
            "normal-0",
            "normal-1",
            "normal-2",
            "low-0",
            "low-1",
            "low-2");
  }

  @Test
  void withOnlyTheNormalLaneFullAClaimIsTheClaimOfBefore() throws Exception {
    submitter.submitAll(io.docfleet.testing.Tasks.tasks("noop", "t", 5));

    Claimed claimed = queue.claim(3).toCompletableFuture().join();

    assertThat(claimed.pausedLanes()).isEmpty();
    assertThat(claimed.items())
        .extracting(ClaimedItem::taskId)
        .containsExactly("t-0", "t-1", "t-2");
    assertThat(fleet.redis().getKeys().countExists(fleet.keys().runs().laneTurns("noop"))).isZero();
  }

  @Test
  void aHighTaskPushedByAForeignClientIsInTheNextClaimAhead2000NormalOnes() throws Exception {
    submitter.submitAll(io.docfleet.testing.Tasks.tasks("noop", "n", 2_000));
    fleet
        .redis()
        .getList(fleet.keys().runs().lane("noop", Priority.HIGH), StringCodec.INSTANCE)
        .add(0, "{\"id\":\"urgent\",\"type\":\"noop\",\"payload\":{}}");

    assertThat(claim(8)).extracting(ClaimedItem::taskId).contains("urgent");
  }

  @Test
  void aPausedLaneIsSkippedAndSaidSo() throws Exception {
    fill(2);
    fleet.redis().getBucket(fleet.keys().runs().lanePaused("noop", Priority.HIGH)).set("1");

    Claimed claimed = queue.claim(10).toCompletableFuture().join();

    assertThat(claimed.pausedLanes()).containsExactly(Priority.HIGH);
    assertThat(claimed.paused()).isFalse();
    assertThat(claimed.items())
        .extracting(ClaimedItem::taskId)
        .containsExactlyInAnyOrder("normal-0", "normal-1", "low-0", "low-1");
    assertThat(idsIn(Priority.HIGH)).hasSize(2);
  }

  @Test
  void withEveryLanePausedNothingIsClaimedAndTheTypeCountsAsPaused() {
    fill(1);
    for (Priority lane : Priority.values()) {
      fleet.redis().getBucket(fleet.keys().runs().lanePaused("noop", lane)).set("1");
    }

    Claimed claimed = queue.claim(10).toCompletableFuture().join();

    assertThat(claimed.paused()).isTrue();
    assertThat(claimed.pausedLanes()).isEqualTo(Set.of(Priority.values()));
    assertThat(claimed.items()).isEmpty();
  }

  @Test
  void aRetryAndADelayedTaskGoBackToTheirLane() throws Exception {
    submitter.submit(aTaskIn("h", Priority.HIGH));
    submitter.submit(aTaskIn("later", Priority.LOW).withNotBefore(clock.instant().plusSeconds(5)));
    ClaimedItem run = claim(1).get(0);
    String next = fleet.codec().encode(decode(run.item()).withAttempt(1));
    queue.ends().retry(run, next, clock.instant(), "{}").toCompletableFuture().join();
    clock.advance(Duration.ofSeconds(5));

    new DelayedTaskPromoter(fleet, List.of("noop"), Duration.ofHours(1)).promoteDue();

    assertThat(idsIn(Priority.HIGH)).containsExactly("h");
    assertThat(idsIn(Priority.LOW)).containsExactly("later");
    assertThat(idsIn(Priority.NORMAL)).isEmpty();
  }

  @Test
  void returnedItemsGoBackToTheHeadOfTheirLane() throws Exception {
    fill(2);
    List<ClaimedItem> runs = claim(6);
    assertThat(runs).hasSize(6);

    queue.returnAll(ReturnReason.ORPHANED);

    for (Priority lane : Priority.values()) {
      // the head is the right end: the first claimed is the next to run
      assertThat(idsIn(lane)).containsExactly(lane.wireName() + "-1", lane.wireName() + "-0");
    }
    List<ClaimedItem> again = claim(6);
    queue
        .returnOrphans(again.stream().map(ClaimedItem::item).toList())
        .toCompletableFuture()
        .join();
    for (Priority lane : Priority.values()) {
      assertThat(idsIn(lane)).hasSize(2);
    }
  }

  @Test
  void aRetriedDeadLetterGoesBackToItsLane() throws Exception {
    submitter.submit(aTaskIn("l", Priority.LOW));
    ClaimedItem run = claim(1).get(0);
    DeadLetter entry = new DeadLetter("l", run.item(), "boom", clock.instant(), "w1", 5);
    queue.ends().deadLetter(run, entry, true, "{}").toCompletableFuture().join();

    assertThat(new DeadLetters(fleet, "noop").retry(List.of(), 10).retried()).isEqualTo(1);

    assertThat(idsIn(Priority.LOW)).containsExactly("l");
    assertThat(idsIn(Priority.NORMAL)).isEmpty();
  }

  @Test
  void anItemNamingPriorityOnlyInsideItsPayloadIsNormal() throws Exception {
    String item = "{\"id\":\"p\",\"type\":\"noop\",\"payload\":{\"priority\":\"high\"}}";
    fleet.redis().getList(fleet.keys().ready("noop"), StringCodec.INSTANCE).add(item);
    claim(1);

    queue.returnAll(ReturnReason.ORPHANED);

    assertThat(lane(Priority.NORMAL)).containsExactly(item);
    assertThat(lane(Priority.HIGH)).isEmpty();
  }
}
