package io.docfleet.worker.queue;

import static io.docfleet.testing.Tasks.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.queue.DeadLetter;
import io.docfleet.queue.DeadLetters;
import io.docfleet.queue.GroupDepth;
import io.docfleet.queue.GroupDepths;
import io.docfleet.queue.GroupLimits;
import io.docfleet.queue.GroupTurns;
import io.docfleet.queue.QueueRemovals;
import io.docfleet.task.MalformedTaskException;
import io.docfleet.task.Priority;
import io.docfleet.task.Task;
import io.docfleet.worker.queue.WorkerQueue.ReturnReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.redisson.client.codec.StringCodec;

/**
 * Fair share between groups within a lane (include/groups.lua): a grouped task waits in its group's
 * list with a turn in the lane's list; a claim takes the groups in turn, never more of a group at
 * once than its limit; whatever ends, returns, retries or is purged keeps the groups' lists, turns
 * and running sets right; tasks without a group are claimed as before.
 */
class GroupsTest extends NoopQueueFixture {

  private static Task inGroup(String id, String group) {
    return aTask(id).withGroup(group);
  }

  private List<Task> backlog(String group, int count) {
    List<Task> tasks = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      tasks.add(inGroup(group + "-" + i, group));
    }
    return tasks;
  }

  private List<String> list(String key) {
    return fleet.redis().<String>getList(key, StringCodec.INSTANCE).readAll();
  }

  private List<String> groupList(String group, Priority lane) {
    return list(fleet.keys().groups().ready("noop", group, lane));
  }

  private long running(String group) {
    return fleet
        .redis()
        .getSet(fleet.keys().groups().running("noop", group), StringCodec.INSTANCE)
        .size();
  }

  private GroupDepth depth(String group) {
    return new GroupDepths(fleet)
        .of("noop").stream().filter(d -> d.group().equals(group)).findFirst().orElseThrow();
  }

  private String groupOf(ClaimedItem run) {
    try {
      return decode(run.item()).group();
    } catch (MalformedTaskException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aGroupedTaskWaitsInItsGroupsListWithATurnInItsLane() throws Exception {
    submitter.submitAll(
        List.of(
            inGroup("a1", "acme"), aTask("n1"), inGroup("h1", "acme").withPriority(Priority.HIGH)));

    assertThat(groupList("acme", Priority.NORMAL)).hasSize(1);
    assertThat(decode(groupList("acme", Priority.NORMAL).get(0)).group()).isEqualTo("acme");
    assertThat(list(fleet.keys().ready("noop")))
        .hasSize(2)
        .contains(GroupTurns.of(Priority.NORMAL));
    assertThat(list(fleet.keys().runs().lane("noop", Priority.HIGH)))
        .containsExactly(GroupTurns.of(Priority.HIGH));
    assertThat(inspector.stats("noop").ready()).isEqualTo(3);
    assertThat(depth("acme").ready().total()).isEqualTo(2);

    assertThat(claim(10))
        .extracting(ClaimedItem::taskId)
        .containsExactlyInAnyOrder("a1", "n1", "h1");
    assertThat(running("acme")).isEqualTo(2);
    assertThat(inspector.stats("noop").ready()).isZero();
  }

  @Test
  void aGroupOfTwentyBehindOneOfTwoThousandTakesEveryOtherTurn() {
    submitter.submitAll(backlog("a", 2_000));
    submitter.submitAll(backlog("b", 20));

    List<String> order = new ArrayList<>();
    while (order.size() < 240) {
      claim(7).forEach(run -> order.add(groupOf(run)));
    }

    int lastB = order.lastIndexOf("b");
    assertThat(order.stream().filter("b"::equals).count()).isEqualTo(20);
    assertThat(lastB).as("where b's last task started").isLessThan(41);
    // a's tasks still run in the order they were queued
    assertThat(order.subList(0, 10)).contains("a");
  }

  @Test
  void aGroupNeverHasMoreThanItsLimitInFlightAndAnEndLetsTheNextStart() {
    new GroupLimits(fleet).set("noop", "a", OptionalInt.of(3));
    submitter.submitAll(backlog("a", 50));
    submitter.submitAll(backlog("b", 5));

    List<ClaimedItem> first = claim(20);

    assertThat(first.stream().filter(r -> groupOf(r).equals("a"))).hasSize(3);
    assertThat(first.stream().filter(r -> groupOf(r).equals("b"))).hasSize(5);
    assertThat(claim(20)).isEmpty();
    assertThat(running("a")).isEqualTo(3);
    assertThat(inspector.stats("noop").ready()).isEqualTo(47);

    ClaimedItem aRun = first.stream().filter(r -> groupOf(r).equals("a")).findFirst().orElseThrow();
    assertThat(complete(aRun)).isTrue();

    List<ClaimedItem> next = claim(20);
    assertThat(next).hasSize(1);
    assertThat(groupOf(next.get(0))).isEqualTo("a");
    assertThat(running("a")).isEqualTo(3);
    assertThat(depth("a").limit()).hasValue(3);
    assertThat(depth("a").ready().normal()).isEqualTo(46);
  }

  @Test
  void aLimitedGroupsBacklogQueuedInOneCallGetsAsManyTurnsAsItMayRun() {
    new GroupLimits(fleet).set("noop", "a", OptionalInt.of(3));

    submitter.submitAll(backlog("a", 1_000));

    assertThat(list(fleet.keys().ready("noop"))).hasSize(3);
    assertThat(inspector.stats("noop").ready()).isEqualTo(1_000);
    List<ClaimedItem> runs = claim(50);
    assertThat(runs).hasSize(3);
    assertThat(claim(50)).isEmpty();

    assertThat(complete(runs.get(0))).isTrue();
    assertThat(claim(50)).extracting(ClaimedItem::taskId).containsExactly("a-3");
    assertThat(inspector.stats("noop").ready()).isEqualTo(996);
  }

  @Test
  void raisingOrRemovingALimitLetsTheWaitingTasksStartAtOnce() {
    GroupLimits limits = new GroupLimits(fleet);
    limits.set("noop", GroupLimits.EVERY_GROUP, OptionalInt.of(2));
    submitter.submitAll(backlog("a", 30));
    assertThat(claim(30)).hasSize(2);
    assertThat(claim(30)).isEmpty();

    assertThat(limits.set("noop", "a", OptionalInt.of(5))).isEmpty();
    assertThat(claim(30)).hasSize(3);

    assertThat(limits.set("noop", "a", OptionalInt.empty())).hasValue(5);
    assertThat(limits.set("noop", GroupLimits.EVERY_GROUP, OptionalInt.empty())).hasValue(2);
    assertThat(claim(30)).hasSize(25);
    assertThat(running("a")).isEqualTo(30);
    assertThat(inspector.stats("noop").ready()).isZero();
  }

  @Test
  void returnedGroupedTasksGoBackToTheHeadOfTheirGroupAndFreeTheirPlaces() throws Exception {
    new GroupLimits(fleet).set("noop", "a", OptionalInt.of(2));
    submitter.submitAll(backlog("a", 4));
    List<ClaimedItem> runs = claim(4);
    assertThat(runs).extracting(ClaimedItem::taskId).containsExactly("a-0", "a-1");

    queue.returnAll(ReturnReason.ORPHANED);

    assertThat(running("a")).isZero();
    assertThat(groupList("a", Priority.NORMAL)).hasSize(4);
    assertThat(claim(4)).extracting(ClaimedItem::taskId).containsExactly("a-0", "a-1");

    List<String> inFlight = queue.inFlight();
    queue.returnOrphans(inFlight).toCompletableFuture().join();
    assertThat(running("a")).isZero();
    assertThat(claim(4)).extracting(ClaimedItem::taskId).containsExactly("a-0", "a-1");
    assertThat(inspector.stats("noop").ready()).isEqualTo(2);
  }

  @Test
  void aRetryOrARetriedDeadLetterComesBackIntoItsGroup() throws Exception {
    submitter.submit(inGroup("r", "a"));
    submitter.submit(inGroup("d", "a"));
    List<ClaimedItem> runs = claim(2);
    ClaimedItem retried = runs.get(0);
    ClaimedItem dead = runs.get(1);
    String next = fleet.codec().encode(decode(retried.item()).withAttempt(1));
    queue
        .ends()
        .retry(retried, next, clock.instant().plusSeconds(5), "{}")
        .toCompletableFuture()
        .join();
    DeadLetter entry = new DeadLetter("d", dead.item(), "boom", clock.instant(), "w1", 5);
    queue.ends().deadLetter(dead, entry, true, "{}").toCompletableFuture().join();
    assertThat(running("a")).isZero();

    clock.advance(Duration.ofSeconds(5));
    new DelayedTaskPromoter(fleet, List.of("noop"), Duration.ofHours(1)).promoteDue();
    assertThat(new DeadLetters(fleet, "noop").retry(List.of(), 10).retried()).isEqualTo(1);

    assertThat(groupList("a", Priority.NORMAL)).hasSize(2);
    assertThat(claim(5)).extracting(ClaimedItem::taskId).containsExactlyInAnyOrder("r", "d");
  }

  @Test
  void aGroupedTaskPushedStraightIntoTheLaneJoinsItsGroup() throws Exception {
    new GroupLimits(fleet).set("noop", "a", OptionalInt.of(1));
    submitter.submit(inGroup("a-0", "a"));
    String foreign = "{\"id\":\"f\",\"type\":\"noop\",\"group\":\"a\",\"payload\":{}}";
    fleet.redis().getList(fleet.keys().ready("noop"), StringCodec.INSTANCE).add(0, foreign);

    assertThat(claim(5)).extracting(ClaimedItem::taskId).containsExactly("a-0");
    assertThat(groupList("a", Priority.NORMAL)).containsExactly(foreign);
    assertThat(claim(5)).isEmpty();
    assertThat(inspector.stats("noop").ready()).isEqualTo(1);
  }

  @Test
  void aTurnThatArrivedByBlockingMoveBeginsItsGroupsNextTask() {
    submitter.submit(inGroup("a-0", "a"));

    String moved =
        queue.moveFrom(Priority.NORMAL, Duration.ofSeconds(1)).toCompletableFuture().join();
    assertThat(moved).isEqualTo(GroupTurns.of(Priority.NORMAL));

    Claimed begun = queue.begin(moved, 0).toCompletableFuture().join();
    assertThat(begun.items()).extracting(ClaimedItem::taskId).containsExactly("a-0");
    assertThat(queue.inFlight()).hasSize(1).doesNotContain(moved);
    assertThat(running("a")).isOne();
  }

  @Test
  void purgingTheReadyListsEmptiesTheGroupsButNotWhatRuns() {
    new GroupLimits(fleet).set("noop", "a", OptionalInt.of(1));
    submitter.submitAll(backlog("a", 10));
    submitter.submitAll(backlog("b", 3));
    submitter.submit(aTask("n"));
    assertThat(claim(2)).hasSize(2);

    assertThat(new QueueRemovals(fleet, "noop").purgeReady()).isEqualTo(12);

    assertThat(inspector.stats("noop").ready()).isZero();
    assertThat(groupList("a", Priority.NORMAL)).isEmpty();
    assertThat(running("a")).isOne();
    assertThat(new GroupDepths(fleet).of("noop"))
        .extracting(GroupDepth::group)
        .containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void aGroupWithNothingReadyOrRunningIsForgotten() {
    submitter.submit(inGroup("a-0", "a"));
    ClaimedItem run = claim(1).get(0);
    assertThat(new GroupDepths(fleet).of("noop")).hasSize(1);

    assertThat(complete(run)).isTrue();

    assertThat(new GroupDepths(fleet).of("noop")).isEmpty();
    assertThat(fleet.redis().getKeys().countExists(fleet.keys().groups().running("noop", "a")))
        .isZero();
  }

  @Test
  void anItemNamingAGroupTheScriptsCannotUseIsInNoGroup() {
    String item = "{\"id\":\"x\",\"type\":\"noop\",\"group\":\"no:colons\",\"payload\":{}}";
    fleet.redis().getList(fleet.keys().ready("noop"), StringCodec.INSTANCE).add(0, item);

    assertThat(claim(1)).extracting(ClaimedItem::item).containsExactly(item);
    assertThat(new GroupDepths(fleet).of("noop")).isEmpty();
  }
}
