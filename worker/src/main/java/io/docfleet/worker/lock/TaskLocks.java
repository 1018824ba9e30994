package io.docfleet.worker.lock;

import io.docfleet.redis.FleetContext;
import io.docfleet.redis.SlotGroups;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
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
 * <p>Each run gets its own owner id (runs end on Redis callbacks, not on one thread). Locks are
 * taken without a lease of their own: one {@link LockWatchdog} per instance renews every lock it
 * holds (the lease is Redisson's lock watchdog timeout, 30 s by default). Lifecycle: the watchdog
 * starts with the first lock taken; {@link #close} stops it. The scripts' calls are {@link
 * LockScripts}.
 */
public final class TaskLocks implements AutoCloseable, MeterBinder {
  /**
   * One run's lock on one task: the task, the run's owner id (the lock holder's id in the field of
   * Redisson's lock hash), and, worked out once for the run's several steps, the lock's key and its
   * hash field.
   */
  public record Lock(String taskId, long owner, String key, String field) {}

  private final FleetContext fleet;
  private final Duration lease;
  private final AtomicLong owners = new AtomicLong(1L << 40);
  private final LockScripts scripts;
  private final LockWatchdog watchdog;

  /** Locks leased for Redisson's lock watchdog timeout. */
  public TaskLocks(FleetContext fleet) {
    this(fleet, Duration.ofMillis(fleet.redis().getConfig().getLockWatchdogTimeout()));
  }

  public TaskLocks(FleetContext fleet, Duration lease) {
    this(fleet, lease, SlotGroups.of(fleet));
  }

  TaskLocks(FleetContext fleet, Duration lease, SlotGroups slots) {
    this.fleet = fleet;
    this.lease = Duration.ofMillis(lease.toMillis());
    this.scripts = new LockScripts(fleet, slots, Long.toString(lease.toMillis()));
    this.watchdog = new LockWatchdog(scripts, lease);
  }

  /** Counts failed renewals in {@code registry}. */
  @Override
  public void bindTo(MeterRegistry registry) {
    watchdog.bindTo(registry);
  }

  /** A fresh lock for one run of the task (not taken yet). */
  public Lock newLock(String taskId) {
    return lock(taskId, owners.incrementAndGet());
  }

  private Lock lock(String taskId, long owner) {
    return new Lock(
        taskId, owner, fleet.keys().taskLock(taskId), fleet.redis().getId() + ":" + owner);
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
    return scripts
        .lock(locks)
        .thenApply(
            taken -> {
              List<Lock> held = new ArrayList<>(locks.size());
              for (int i = 0; i < locks.size(); i++) {
                if (taken.get(i)) {
                  held.add(locks.get(i));
                }
              }
              watchdog.renew(held);
              return taken;
            });
  }

  /**
   * Releases every lock in one pipelined round trip; per lock, true when released, false when its
   * owner no longer held it (the lease ran out, or it was force-unlocked).
   */
  public CompletionStage<List<Boolean>> unlockAll(List<Lock> locks) {
    locks.forEach(watchdog::forget);
    return scripts.unlock(locks);
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
   * Releases every lock this client (this worker) has on these tasks, whichever run took it: for
   * tasks this worker is not running, whose release a failover lost. Locks of other workers stay.
   * Per task, true when its lock is free now, false when another worker holds it.
   */
  public CompletionStage<List<Boolean>> releaseStaleLocks(List<String> taskIds) {
    return scripts.releaseClientLocks(taskIds);
  }

  public boolean isLocked(String taskId) {
    return redissonLock(taskId).isLocked();
  }

  /** The lease each lock is taken for, and renewed to. */
  public Duration lease() {
    return lease;
  }

  /** The watchdog renews this lock, which a script other than this class's took. */
  public void track(Lock lock) {
    watchdog.renew(List.of(lock));
  }

  /** The watchdog stops renewing this lock, which a script other than this class's released. */
  public void untrack(Lock lock) {
    watchdog.forget(lock);
  }

  /** How many locks the watchdog renews. */
  public int heldCount() {
    return watchdog.heldCount();
  }

  /** Renews every held lock in one batch; forgets the ones this instance no longer holds. */
  void renewAll() {
    watchdog.renewAll();
  }

  /** Stops the watchdog: the locks still held lapse after their lease. */
  @Override
  public void close() {
    watchdog.close();
  }

  private RLock redissonLock(String taskId) {
    return fleet.redis().getLock(fleet.keys().taskLock(taskId));
  }
}
