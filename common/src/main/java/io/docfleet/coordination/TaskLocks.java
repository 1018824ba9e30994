package io.docfleet.coordination;

import io.docfleet.loop.PeriodicLoop;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.LuaScript;
import io.docfleet.redis.SlotGroups;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.redisson.api.RLock;

/**
 * The lock {@code queue:lock:<taskId>} held while a task item runs, taken and released for many
 * tasks in one pipelined round trip, in Redisson's own lock format.
 *
 * <p>Why not Redisson's {@code RLock}: it costs three round trips per task (tryLock, unlock, and
 * the unlock-latch DEL Redisson sends after each unlock) and its public API cannot batch them:
 * {@code RBatch} has no locks, {@code RedissonMultiLock} still sends one call per lock, and {@code
 * RedissonFasterMultiLock} keeps every lock as a field of one shared hash, which would change the
 * public key contract. So the scripts {@code task_lock.lua}, {@code task_unlock.lua} and {@code
 * task_lock_renew.lua} write the lock exactly as {@code RedissonLock} does, on the same key: the
 * hash field {@code <Redisson client id>:<owner id>} = 1 with a {@code PEXPIRE} lease; unlock
 * deletes it and publishes on the channel Redisson's waiters listen on. A batch of locks is one
 * script call on a single Redis; on a cluster, one call per hash slot, all in one pipeline, so
 * every call touches one slot only ({@link SlotGroups}). Redisson's {@code RLock} on the same key
 * therefore sees it held, fails to take it, and can {@link #forceUnlock} it (the reaper and the
 * drain do). {@code LockContractTest} proves it.
 *
 * <p>Each run gets its own owner id (runs settle on Redis callbacks, not on one thread). Locks are
 * taken without a lease of their own: one watchdog per instance renews every lock it holds, in one
 * batch every third of the lease (Redisson's lock watchdog timeout, 30 s by default), so a lock of
 * a worker that dies lapses within the lease. Lifecycle: the watchdog starts with the first lock
 * taken; {@link #close} stops it.
 */
public final class TaskLocks implements AutoCloseable, MeterBinder {
  private static final LuaScript LOCK = LuaScript.load("task_lock");
  private static final LuaScript UNLOCK = LuaScript.load("task_unlock");
  private static final LuaScript RENEW = LuaScript.load("task_lock_renew");
  private static final LuaScript UNLOCK_CLIENT = LuaScript.load("task_unlock_client");

  /** What Redisson's {@code LockPubSub} reads as "unlocked". */
  private static final String UNLOCK_MESSAGE = "0";

  /**
   * One run's hold on one task's lock: the task, the run's owner id, and, worked out once for the
   * run's several steps, the lock's key and its hash field.
   */
  public record Lock(String taskId, long owner, String key, String field) {}

  private final FleetContext ctx;
  private final String leaseMillis;
  private final AtomicLong owners = new AtomicLong(1L << 40);
  private final Set<Lock> held = ConcurrentHashMap.newKeySet();
  private final SlotGroups slots;
  private final PeriodicLoop watchdog;

  /** Locks leased for Redisson's lock watchdog timeout. */
  public TaskLocks(FleetContext ctx) {
    this(ctx, Duration.ofMillis(ctx.redis().getConfig().getLockWatchdogTimeout()));
  }

  public TaskLocks(FleetContext ctx, Duration lease) {
    this(ctx, lease, SlotGroups.of(ctx));
  }

  TaskLocks(FleetContext ctx, Duration lease, SlotGroups slots) {
    this.ctx = ctx;
    this.leaseMillis = Long.toString(lease.toMillis());
    this.slots = slots;
    this.watchdog =
        PeriodicLoop.named("task-lock-watchdog")
            .every(Duration.ofMillis(Math.max(1, lease.toMillis() / 3)))
            .whileFailing("the locks held lapse after their lease unless a renewal succeeds")
            .build(this::renewAll);
  }

  /** Counts failed renewals in {@code registry}. */
  @Override
  public void bindTo(MeterRegistry registry) {
    watchdog.bindTo(registry);
  }

  /** A fresh hold for one run of the task. */
  public Lock newLock(String taskId) {
    return lock(taskId, owners.incrementAndGet());
  }

  private Lock lock(String taskId, long owner) {
    return new Lock(taskId, owner, ctx.keys().taskLock(taskId), ctx.redis().getId() + ":" + owner);
  }

  /** A fresh owner id for one run. */
  public long newOwner() {
    return owners.incrementAndGet();
  }

  /**
   * Takes every lock in one pipelined round trip, without waiting; per lock, true when taken, false
   * when another owner holds it. The watchdog renews the ones taken until they are unlocked.
   */
  public CompletionStage<List<Boolean>> tryLockAll(List<Lock> locks) {
    return callGrouped(LOCK, locks, false, leaseMillis)
        .thenApply(
            taken -> {
              for (int i = 0; i < locks.size(); i++) {
                if (taken.get(i)) {
                  held.add(locks.get(i));
                }
              }
              if (!held.isEmpty()) {
                startWatchdog();
              }
              return taken;
            });
  }

  /**
   * Releases every lock in one pipelined round trip; per lock, true when released, false when its
   * owner no longer held it (the lease ran out, or it was force-unlocked).
   */
  public CompletionStage<List<Boolean>> unlockAll(List<Lock> locks) {
    locks.forEach(held::remove);
    return callGrouped(UNLOCK, locks, true, UNLOCK_MESSAGE);
  }

  /** Takes the task's lock without waiting; false when another run holds it. */
  public CompletionStage<Boolean> tryLock(String taskId, long owner) {
    return tryLockAll(List.of(lock(taskId, owner))).thenApply(taken -> taken.get(0));
  }

  public CompletionStage<Void> unlock(String taskId, long owner) {
    return unlockAll(List.of(lock(taskId, owner))).thenApply(ignored -> null);
  }

  /** Releases the lock whoever holds it: for runs of a worker that is gone. */
  public CompletionStage<Boolean> forceUnlock(String taskId) {
    return redissonLock(taskId).forceUnlockAsync();
  }

  /**
   * Releases every hold this client (this worker) has on the locks of these tasks, whichever run
   * took it: for tasks this worker is not running, whose release a failover lost. Holds of other
   * workers stay. Per task, true when its lock is free now, false when another worker holds it.
   */
  public CompletionStage<List<Boolean>> releaseStaleHolds(List<String> taskIds) {
    String prefix = ctx.redis().getId() + ":";
    return slots
        .run(
            ctx.redis(),
            UNLOCK_CLIENT,
            taskIds,
            ctx.keys()::taskLock,
            group -> {
              List<Object> keys = new ArrayList<>(group.size() * 2);
              for (Integer index : group) {
                keys.add(ctx.keys().taskLock(taskIds.get(index)));
              }
              for (Integer index : group) {
                keys.add(ctx.keys().taskLockChannel(taskIds.get(index)));
              }
              return new SlotGroups.ScriptCall(keys, new Object[] {prefix, UNLOCK_MESSAGE});
            })
        .thenApply(answers -> answers.stream().map(answer -> answer == 1L).toList());
  }

  public boolean isLocked(String taskId) {
    return redissonLock(taskId).isLocked();
  }

  /** The lease each lock is taken for, and renewed to. */
  public Duration lease() {
    return Duration.ofMillis(Long.parseLong(leaseMillis));
  }

  /** The watchdog renews this lock, which a script other than this class's took. */
  public void track(Lock lock) {
    held.add(lock);
    startWatchdog();
  }

  /** The watchdog stops renewing this lock, which a script other than this class's released. */
  public void untrack(Lock lock) {
    held.remove(lock);
  }

  /** How many locks the watchdog renews. */
  public int heldCount() {
    return held.size();
  }

  /** Renews every held lock in one batch; forgets the ones this instance no longer holds. */
  void renewAll() {
    List<Lock> locks = List.copyOf(held);
    if (locks.isEmpty()) {
      return;
    }
    List<Boolean> renewed =
        callGrouped(RENEW, locks, false, leaseMillis).toCompletableFuture().join();
    for (int i = 0; i < locks.size(); i++) {
      if (!renewed.get(i)) {
        held.remove(locks.get(i));
      }
    }
  }

  /**
   * Runs {@code script} over the locks: one call per group of keys that may share a call (the whole
   * batch on a single Redis, one slot's keys on a cluster), all groups in one pipeline. Its keys
   * are the locks (then their channels when {@code withChannels}); its arguments {@code first},
   * then each lock's owner field. Returns the per-lock flags in the order of {@code locks}.
   */
  private CompletionStage<List<Boolean>> callGrouped(
      LuaScript script, List<Lock> locks, boolean withChannels, String first) {
    return slots
        .run(
            ctx.redis(),
            script,
            locks,
            Lock::key,
            group -> {
              List<Object> keys = new ArrayList<>(group.size() * (withChannels ? 2 : 1));
              Object[] args = new Object[group.size() + 1];
              args[0] = first;
              for (int j = 0; j < group.size(); j++) {
                Lock lock = locks.get(group.get(j));
                keys.add(lock.key());
                args[j + 1] = lock.field();
              }
              if (withChannels) {
                for (Integer index : group) {
                  keys.add(ctx.keys().taskLockChannel(locks.get(index).taskId()));
                }
              }
              return new SlotGroups.ScriptCall(keys, args);
            })
        .thenApply(answers -> answers.stream().map(answer -> answer == 1L).toList());
  }

  /** Stops the watchdog: the locks still held lapse after their lease. */
  @Override
  public void close() {
    watchdog.close();
  }

  /** Starts renewing, once; never again after close. */
  private void startWatchdog() {
    watchdog.start();
  }

  private RLock redissonLock(String taskId) {
    return ctx.redis().getLock(ctx.keys().taskLock(taskId));
  }
}
