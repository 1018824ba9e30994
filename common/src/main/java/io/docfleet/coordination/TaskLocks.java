package io.docfleet.coordination;

import io.docfleet.redis.FleetContext;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.redisson.api.RLock;

/**
 * The Redisson lock {@code queue:lock:<taskId>} held while a task item runs. Redisson ties a lock
 * to an owner id; tasks run on pooled threads and settle on Redis callbacks, so each run gets its
 * own owner id instead of a thread's. Taken without a lease, the lock is renewed by Redisson's
 * watchdog for as long as the run holds it.
 */
public final class TaskLocks {
  private final FleetContext ctx;
  private final AtomicLong owners = new AtomicLong(1L << 40);

  public TaskLocks(FleetContext ctx) {
    this.ctx = ctx;
  }

  /** A fresh owner id for one run. */
  public long newOwner() {
    return owners.incrementAndGet();
  }

  /** Takes the task's lock without waiting; false when another run holds it. */
  public CompletionStage<Boolean> tryLock(String taskId, long owner) {
    return lock(taskId).tryLockAsync(owner);
  }

  public CompletionStage<Void> unlock(String taskId, long owner) {
    return lock(taskId).unlockAsync(owner);
  }

  /** Releases the lock whoever holds it: for runs of a worker that is gone. */
  public CompletionStage<Boolean> forceUnlock(String taskId) {
    return lock(taskId).forceUnlockAsync();
  }

  public boolean isLocked(String taskId) {
    return lock(taskId).isLocked();
  }

  private RLock lock(String taskId) {
    return ctx.redis().getLock(ctx.keys().taskLock(taskId));
  }
}
