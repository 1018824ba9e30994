package io.docfleet.worker.lock;

import static io.docfleet.testing.Tasks.aTask;
import static io.docfleet.testing.Tasks.tasks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.docfleet.config.FleetConfig.QueueSettings;
import io.docfleet.queue.BeginResult;
import io.docfleet.queue.DeadLetter;
import io.docfleet.queue.TaskRecord;
import io.docfleet.queue.TaskStatus;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.ReplicaAcks;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import io.docfleet.worker.queue.ClaimedItem;
import io.docfleet.worker.queue.RunEnds;
import io.docfleet.worker.queue.WorkerQueue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The run locks the queue's scripts take (a claim) and release (every end) against Redisson's own
 * {@code RLock} on the same key, {@code {tasks:<type>}:lock:<taskId>}: each side sees, respects,
 * wakes and can release the other's lock.
 */
class LockContractTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("locks");

  private static RedissonClient otherClient;
  private final SettableClock clock = new SettableClock();
  private FleetContext fleet;
  private WorkerQueue queue;
  private TaskLocks locks;

  @BeforeAll
  static void connectOtherClient() {
    otherClient = TestRedis.connect(TestRedis.url());
  }

  @AfterAll
  static void shutdownOtherClient() {
    otherClient.shutdown();
  }

  @BeforeEach
  void setUp() {
    fleet = redis.context(clock);
    queue = new WorkerQueue(fleet, "noop", "w1");
    locks = new TaskLocks(fleet);
  }

  @AfterEach
  void tearDown() {
    locks.close();
  }

  private RLock redissonLock(RedissonClient client, String taskId) {
    return client.getLock(fleet.keys().runs().lock("noop", taskId));
  }

  /** Queues the tasks and claims them for w1: every run that began holds its lock. */
  private List<ClaimedItem> claim(String... taskIds) {
    TaskSubmitter submitter = new TaskSubmitter(fleet, QueueSettings.defaults());
    Stream.of(taskIds).forEach(id -> submitter.submit(aTask(id)));
    return queue.claim(taskIds.length).toCompletableFuture().join().items();
  }

  private boolean complete(ClaimedItem run) {
    String record = TaskRecord.completed("w1", 1, run.startedAt(), clock.millis(), null).toJson();
    return queue
        .ends()
        .completeAll(List.of(new RunEnds.Completion(run, record)))
        .toCompletableFuture()
        .join()
        .get(0);
  }

  /** Every way a run ends, each of which releases its lock. */
  static Stream<Arguments> ends() {
    return Stream.of(
        Arguments.of("complete", (EndOf) (test, run) -> test.complete(run)),
        Arguments.of(
            "retry",
            (EndOf)
                (test, run) ->
                    test.queue
                        .ends()
                        .retry(run, run.item(), test.clock.instant(), test.ended(run))
                        .toCompletableFuture()
                        .join()),
        Arguments.of(
            "dead-letter",
            (EndOf)
                (test, run) ->
                    test.queue
                        .ends()
                        .deadLetter(
                            run,
                            new DeadLetter(
                                run.taskId(), run.item(), "x", test.clock.instant(), "w1", 1),
                            true,
                            test.ended(run))
                        .toCompletableFuture()
                        .join()));
  }

  /** One way of ending a run. */
  interface EndOf {
    void end(LockContractTest test, ClaimedItem run);
  }

  private String ended(ClaimedItem run) {
    return TaskRecord.ended(TaskStatus.DEAD, "w1", 1, run.startedAt(), clock.millis(), "x")
        .toJson();
  }

  @Test
  void aLockAClaimTookIsHeldForRedisson() {
    List<ClaimedItem> runs = claim("a", "b", "c");

    for (ClaimedItem run : runs) {
      assertThat(redissonLock(fleet.redis(), run.taskId()).isLocked()).isTrue();
      assertThat(redissonLock(otherClient, run.taskId()).isLocked()).isTrue();
      assertThat(redissonLock(otherClient, run.taskId()).tryLock()).isFalse();
      // not even the same client's thread may take it: the owner field is the run's, not a thread's
      boolean sameClient =
          CompletableFuture.supplyAsync(() -> redissonLock(fleet.redis(), run.taskId()).tryLock())
              .join();
      assertThat(sameClient).isFalse();
    }
    String field = fleet.redis().getId() + ":" + runs.get(0).lock().owner();
    assertThat(
            fleet
                .redis()
                .<String, String>getMap(
                    fleet.keys().runs().lock("noop", "a"), StringCodec.INSTANCE))
        .containsExactly(Map.entry(field, "1"));
    assertThat(fleet.redis().getKeys().remainTimeToLive(fleet.keys().runs().lock("noop", "a")))
        .isBetween(20_000L, 30_000L);
  }

  @Test
  void redissonsForceUnlockReleasesOurLockAndOurCompletionLeavesTheNextHoldersLockAlone()
      throws Exception {
    ClaimedItem run = claim("a").get(0);

    assertThat(redissonLock(otherClient, "a").forceUnlock()).isTrue();
    assertThat(locks.isLocked("noop", "a")).isFalse();
    RLock theirs = redissonLock(otherClient, "a");
    assertThat(theirs.tryLock(0, 30, TimeUnit.SECONDS)).isTrue();

    assertThat(complete(run)).isTrue();
    assertThat(theirs.isLocked()).as("the next holder's lock").isTrue();
    theirs.forceUnlock();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ends")
  void afterARunsEndRedissonTakesTheLock(String name, EndOf end) {
    ClaimedItem run = claim("a").get(0);

    end.end(this, run);

    RLock theirs = redissonLock(otherClient, "a");
    assertThat(theirs.tryLock()).isTrue();
    theirs.unlock();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ends")
  void aRunsEndWakesARedissonWaiter(String name, EndOf end) throws Exception {
    ClaimedItem run = claim("a").get(0);
    CountDownLatch waiting = new CountDownLatch(1);
    CompletableFuture<Boolean> waiter =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                waiting.countDown();
                // waits 10 s for a lock leased for 30 s: only the release message can wake it
                return redissonLock(otherClient, "a").tryLock(10, 1, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
              }
            });
    waiting.await();
    Thread.sleep(300); // the waiter subscribes to the lock's channel

    end.end(this, run);

    assertThat(waiter.get(15, TimeUnit.SECONDS)).as("woken by the release").isTrue();
  }

  @Test
  void aLockHeldByRedissonMakesTheClaimDropItsCopy() {
    RLock theirs = redissonLock(otherClient, "b");
    assertThat(theirs.tryLock()).isTrue();
    try {
      assertThat(claim("a", "b", "c"))
          .extracting(ClaimedItem::begun)
          .containsExactly(
              BeginResult.started(1), new BeginResult.LockedElsewhere(), BeginResult.started(1));
      assertThat(theirs.isLocked()).isTrue();
    } finally {
      theirs.unlock();
    }
  }

  @Test
  void anOrphansReturnReleasesThisClientsHoldsAndWaitsForAnotherClients() throws Exception {
    List<ClaimedItem> runs = claim("a", "a2");
    String stuck = fleet.codec().encode(aTask("b"));
    fleet.redis().getList(fleet.keys().inFlight("noop", "w1")).add(stuck);
    RLock theirs = redissonLock(otherClient, "b");
    assertThat(theirs.tryLock()).isTrue();
    CountDownLatch woken = new CountDownLatch(1);
    redissonLock(otherClient, "a").lockAsync().thenRun(woken::countDown);

    assertThat(queue.returnOrphans(List.of(runs.get(0).item(), stuck)).toCompletableFuture().join())
        .as("returned, per item")
        .containsExactly(true, false);

    assertThat(woken.await(10, TimeUnit.SECONDS)).as("a Redisson waiter woken").isTrue();
    assertThat(locks.isLocked("noop", "a2")).as("a lock not named stays").isTrue();
    assertThat(theirs.isLocked()).as("another client's lock").isTrue();
    assertThat(queue.inFlight()).containsExactlyInAnyOrder(runs.get(1).item(), stuck);
    theirs.unlock();
  }

  @Test
  void theWatchdogKeepsTrackedLocksPastTheLeaseAndTheyLapseWhenItStops() throws Exception {
    Duration lease = Duration.ofMillis(900);
    WorkerQueue shortLeases =
        new WorkerQueue(
            fleet,
            "noop",
            "w1",
            new WorkerQueue.Options(
                lease, QueueSettings.DEFAULT_RETENTION, ReplicaAcks.of(fleet, Duration.ZERO)));
    TaskLocks watched = new TaskLocks(fleet, lease);
    try {
      new TaskSubmitter(fleet, QueueSettings.defaults()).submitAll(tasks("noop", "t", 2));
      List<ClaimedItem> runs = shortLeases.claim(2).toCompletableFuture().join().items();
      watched.track(runs.stream().map(ClaimedItem::lock).toList());

      Thread.sleep(2_000);
      assertThat(watched.isLocked("noop", "t-0")).isTrue();
      assertThat(watched.isLocked("noop", "t-1")).isTrue();

      watched.close(); // what a killed worker leaves behind
      await()
          .atMost(Duration.ofSeconds(3))
          .until(() -> !watched.isLocked("noop", "t-0") && !watched.isLocked("noop", "t-1"));
      assertThat(redissonLock(otherClient, "t-0").tryLock()).isTrue();
      redissonLock(otherClient, "t-0").unlock();
    } finally {
      watched.close();
    }
  }

  @Test
  void theWatchdogRenewsTheLocksOfEveryTypeAndForgetsALockItLost() {
    List<ClaimedItem> runs = claim("a", "b");
    TaskSubmitter submitter = new TaskSubmitter(fleet, QueueSettings.defaults());
    submitter.submit(io.docfleet.testing.Tasks.aSleepTask("s", 5));
    ClaimedItem sleep =
        new WorkerQueue(fleet, "sleep", "w1").claim(1).toCompletableFuture().join().items().get(0);
    locks.track(List.of(runs.get(0).lock(), runs.get(1).lock(), sleep.lock()));
    String sleepLock = fleet.keys().runs().lock("sleep", "s");
    fleet.redis().getKeys().expire(sleepLock, 5, TimeUnit.SECONDS);
    redissonLock(otherClient, "a").forceUnlock();

    locks.renewAll();

    assertThat(locks.heldCount()).isEqualTo(2);
    assertThat(locks.isLocked("noop", "a")).isFalse();
    assertThat(fleet.redis().getKeys().remainTimeToLive(sleepLock)).isGreaterThan(20_000L);
  }
}
