package io.docfleet.worker.runtime;

import io.docfleet.worker.lock.TaskLocks;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The lock a run holds: released once, however many paths ask, never failing the run. */
final class HeldLock {
  private static final Logger log =
      LoggerFactory.getLogger(RunClaimedTask.class); // the run's log, as before

  private final GroupedLocks locks;
  private final TaskLocks.Lock hold;
  private CompletableFuture<Void> released;

  HeldLock(GroupedLocks locks, TaskLocks.Lock hold) {
    this.locks = locks;
    this.hold = hold;
  }

  TaskLocks.Lock hold() {
    return hold;
  }

  /**
   * The lock went with a step that released it (and stopped the watchdog renewing it): nothing is
   * left to release.
   */
  synchronized void releasedElsewhere() {
    if (released == null) {
      released = CompletableFuture.completedFuture(null);
    }
  }

  synchronized CompletableFuture<Void> release() {
    if (released == null) {
      released =
          locks
              .unlock(hold)
              .<Void>thenApply(ignored -> null)
              .exceptionally(
                  error -> {
                    log.debug(
                        "unlocking task {} failed; the lock lapses on its own: {}",
                        hold.taskId(),
                        error.toString());
                    return null;
                  });
    }
    return released;
  }
}
