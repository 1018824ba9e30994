package io.docfleet.worker.lock;

import io.docfleet.redis.FleetContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Collection;

/**
 * The run locks this worker holds: {@code {tasks:<type>}:lock:<taskId>}, held while a task item
 * runs, in Redisson's own lock format, in the queue's hash slot.
 *
 * <p>The queue's scripts take and release them, for a whole batch of runs in the same call that
 * claims or ends the items ({@code claim.lua} takes them, {@code complete.lua}, {@code retry.lua}
 * and {@code dead_letter.lua} release them): the hash field {@code <Redisson client id>:<owner id>}
 * = 1 with a {@code PEXPIRE} lease, exactly as {@code RedissonLock} writes it, and a release
 * deletes the field and publishes on the channel Redisson's waiters listen on ({@code
 * redisson_lock__channel:{tasks:<type>}:lock:<taskId>}: Redisson keeps a name that has a hash tag
 * as it is). So Redisson's {@code RLock} on the same key sees a run lock held, cannot take it, is
 * woken when it is released, and can force-unlock it; {@code LockContractTest} proves it. Why not
 * Redisson's {@code RLock} itself: it costs three round trips per task and cannot be batched.
 *
 * <p>Each run has its own owner id (runs end on Redis callbacks, not on one thread). Locks are
 * taken without a lease of their own: one {@link LockWatchdog} per instance renews every lock it
 * tracks (the lease is Redisson's lock watchdog timeout, 30 s by default), so a dead worker's locks
 * lapse within the lease. Lifecycle: the watchdog starts with the first lock tracked; {@link
 * #close} stops it.
 */
public final class TaskLocks implements AutoCloseable, MeterBinder {
  /**
   * One run's lock on one task: the task's type and id, the run's owner id (the lock holder's id in
   * the field of Redisson's lock hash), the lock's key and its hash field.
   */
  public record Lock(String type, String taskId, long owner, String key, String field) {}

  private final FleetContext fleet;
  private final Duration lease;
  private final LockWatchdog watchdog;

  /** Locks leased for Redisson's lock watchdog timeout. */
  public TaskLocks(FleetContext fleet) {
    this(fleet, Duration.ofMillis(fleet.redis().getConfig().getLockWatchdogTimeout()));
  }

  public TaskLocks(FleetContext fleet, Duration lease) {
    this.fleet = fleet;
    this.lease = Duration.ofMillis(lease.toMillis());
    this.watchdog = new LockWatchdog(fleet, lease);
  }

  /** Counts failed renewals in {@code registry}. */
  @Override
  public void bindTo(MeterRegistry registry) {
    watchdog.bindTo(registry);
  }

  /** The lease each lock is taken for, and renewed to. */
  public Duration lease() {
    return lease;
  }

  /** The watchdog renews these locks, which a claim took, until {@link #untrack}. */
  public void track(Collection<Lock> locks) {
    watchdog.renew(locks);
  }

  /** The watchdog stops renewing this lock: the run's end released it (or will not need it). */
  public void untrack(Lock lock) {
    watchdog.forget(lock);
  }

  /** How many locks the watchdog renews. */
  public int heldCount() {
    return watchdog.heldCount();
  }

  /** True while anyone holds the run lock of this task (as Redisson's {@code RLock} sees it). */
  public boolean isLocked(String type, String taskId) {
    return fleet.redis().getLock(fleet.keys().runs().lock(type, taskId)).isLocked();
  }

  /** Renews every held lock in one call per type; forgets the ones no longer held. */
  void renewAll() {
    watchdog.renewAll();
  }

  /** Stops the watchdog: the locks still held lapse after their lease. */
  @Override
  public void close() {
    watchdog.close();
  }
}
