package io.docfleet.worker.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.docfleet.redis.FleetContext;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import io.docfleet.worker.lock.TaskLocks.Lock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;

/**
 * The batched task locks of {@link TaskLocks} against Redisson's own {@code RLock} on the same key:
 * each side sees, respects and can release the other's lock.
 */
class LockContractTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("locks");

  private static RedissonClient otherClient;
  private String prefix;
  private FleetContext fleet;
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
    prefix = redis.prefix();
    fleet = redis.context(new SettableClock());
    locks = new TaskLocks(fleet);
  }

  @AfterEach
  void tearDown() {
    locks.close();
  }

  private RLock redissonLock(RedissonClient client, String taskId) {
    return client.getLock(fleet.keys().taskLock(taskId));
  }

  private List<Boolean> lockAll(List<Lock> batch) {
    return locks.tryLockAll(batch).toCompletableFuture().join();
  }

  private List<Boolean> unlockAll(List<Lock> batch) {
    return locks.unlockAll(batch).toCompletableFuture().join();
  }

  private List<Lock> newLocks(String... taskIds) {
    return java.util.Arrays.stream(taskIds).map(locks::newLock).toList();
  }

  @Test
  void aLockHeldByOurBatchIsHeldForRedisson() throws Exception {
    List<Lock> batch = newLocks("a", "b", "c");
    assertThat(lockAll(batch)).containsExactly(true, true, true);

    for (Lock lock : batch) {
      assertThat(redissonLock(fleet.redis(), lock.taskId()).isLocked()).isTrue();
      assertThat(redissonLock(otherClient, lock.taskId()).isLocked()).isTrue();
      assertThat(redissonLock(otherClient, lock.taskId()).tryLock()).isFalse();
      // not even the same client's thread may take it: the owner field is the run's, not a thread's
      boolean sameClient =
          CompletableFuture.supplyAsync(() -> redissonLock(fleet.redis(), lock.taskId()).tryLock())
              .join();
      assertThat(sameClient).isFalse();
    }
    String field = fleet.redis().getId() + ":" + batch.get(0).owner();
    assertThat(fleet.redis().<String, String>getMap(fleet.keys().taskLock("a"), stringCodec()))
        .containsExactly(java.util.Map.entry(field, "1"));
    assertThat(fleet.redis().getKeys().remainTimeToLive(fleet.keys().taskLock("a")))
        .isBetween(20_000L, 30_000L);
  }

  @Test
  void redissonsForceUnlockReleasesOurLock() {
    List<Lock> batch = newLocks("a");
    assertThat(lockAll(batch)).containsExactly(true);

    assertThat(redissonLock(otherClient, "a").forceUnlock()).isTrue();

    assertThat(locks.isLocked("a")).isFalse();
    assertThat(unlockAll(batch)).as("no longer ours to release").containsExactly(false);
  }

  @Test
  void afterOurUnlockRedissonTakesTheLock() {
    List<Lock> batch = newLocks("a", "b");
    lockAll(batch);

    assertThat(unlockAll(batch)).containsExactly(true, true);

    RLock theirs = redissonLock(otherClient, "a");
    assertThat(theirs.tryLock()).isTrue();
    theirs.unlock();
    assertThat(locks.heldCount()).isZero();
  }

  @Test
  void ourUnlockWakesARedissonWaiter() throws Exception {
    List<Lock> batch = newLocks("a");
    lockAll(batch);
    CompletableFuture<Boolean> waiter =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return redissonLock(otherClient, "a").tryLock(10, 1, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
              }
            });
    Thread.sleep(300);

    long released = System.nanoTime();
    unlockAll(batch);

    // the lease is 30 s: a waiter that got the lock at once was woken by the unlock message
    assertThat(waiter.get(5, TimeUnit.SECONDS)).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - released)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void aLockHeldByRedissonIsNotTakenByOurBatch() {
    RLock theirs = redissonLock(otherClient, "b");
    assertThat(theirs.tryLock()).isTrue();
    try {
      assertThat(lockAll(newLocks("a", "b", "c"))).containsExactly(true, false, true);
      assertThat(locks.heldCount()).isEqualTo(2);
    } finally {
      theirs.unlock();
    }
  }

  @Test
  void staleHoldsOfThisClientAreReleasedAndOtherClientsHoldsStay() throws Exception {
    assertThat(lockAll(newLocks("a", "a2"))).containsExactly(true, true);
    RLock theirs = redissonLock(otherClient, "b");
    assertThat(theirs.tryLock()).isTrue();
    CountDownLatch woken = new CountDownLatch(1);
    redissonLock(otherClient, "a").lockAsync().thenRun(woken::countDown);

    assertThat(locks.releaseStaleLocks(List.of("a", "b", "free")).toCompletableFuture().join())
        .as("free now, per task")
        .containsExactly(true, false, true);

    assertThat(woken.await(10, TimeUnit.SECONDS)).as("a Redisson waiter woken").isTrue();
    assertThat(locks.isLocked("a2")).as("a lock not named stays").isTrue();
    assertThat(theirs.isLocked()).as("another client's lock").isTrue();
    theirs.unlock();
  }

  @Test
  void onlyOneOfTwoRunsGetsTheLockAndTheSameRunMayAskAgain() {
    Lock first = locks.newLock("a");
    Lock second = locks.newLock("a");

    assertThat(lockAll(List.of(first, second))).containsExactly(true, false);
    // a retried call whose first reply was lost
    assertThat(lockAll(List.of(first))).containsExactly(true);
    assertThat(unlockAll(List.of(second))).containsExactly(false);
    assertThat(locks.isLocked("a")).isTrue();
  }

  @Test
  void theWatchdogKeepsHeldLocksPastTheLeaseAndTheyLapseWhenItStops() throws Exception {
    TaskLocks shortLease = new TaskLocks(fleet, Duration.ofMillis(900));
    try {
      assertThat(shortLease.tryLockAll(newLocks("a", "b")).toCompletableFuture().join())
          .containsExactly(true, true);

      Thread.sleep(2_000);
      assertThat(shortLease.isLocked("a")).isTrue();
      assertThat(shortLease.isLocked("b")).isTrue();

      shortLease.close(); // what a killed worker leaves behind
      await()
          .atMost(Duration.ofSeconds(3))
          .until(() -> !shortLease.isLocked("a") && !shortLease.isLocked("b"));
      assertThat(redissonLock(otherClient, "a").tryLock()).isTrue();
      redissonLock(otherClient, "a").unlock();
    } finally {
      shortLease.close();
    }
  }

  @Test
  void theWatchdogForgetsALockItLost() {
    List<Lock> batch = newLocks("a", "b");
    lockAll(batch);
    redissonLock(otherClient, "a").forceUnlock();

    locks.renewAll();

    assertThat(locks.heldCount()).isEqualTo(1);
    assertThat(locks.isLocked("a")).isFalse();
  }

  @Test
  void splitByClusterSlotABatchKeepsEachLocksAnswer() {
    TaskLocks asOnACluster =
        new TaskLocks(fleet, Duration.ofSeconds(30), new io.docfleet.redis.SlotGroups(true));
    try {
      RLock theirs = redissonLock(otherClient, "t3");
      assertThat(theirs.tryLock()).isTrue();
      List<Lock> batch =
          java.util.stream.IntStream.range(0, 20)
              .mapToObj(i -> asOnACluster.newLock("t" + i))
              .toList();

      List<Boolean> taken = asOnACluster.tryLockAll(batch).toCompletableFuture().join();

      for (int i = 0; i < 20; i++) {
        assertThat(taken.get(i)).as("t" + i).isEqualTo(i != 3);
        assertThat(redissonLock(otherClient, "t" + i).isLocked()).isTrue();
      }
      theirs.unlock();
      List<Boolean> released = asOnACluster.unlockAll(batch).toCompletableFuture().join();
      for (int i = 0; i < 20; i++) {
        assertThat(released.get(i)).as("t" + i).isEqualTo(i != 3);
        assertThat(redissonLock(otherClient, "t" + i).isLocked()).isFalse();
      }
    } finally {
      asOnACluster.close();
    }
  }

  private static org.redisson.client.codec.StringCodec stringCodec() {
    return org.redisson.client.codec.StringCodec.INSTANCE;
  }
}
