package io.docfleet.worker.runtime;

import io.docfleet.worker.lock.TaskLocks;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lock a run took on its task: released once, however many paths ask, never failing the run.
 */
final class RunLock {
  private static final Logger log =
      LoggerFactory.getLogger(RunClaimedTask.class); // the run's log, as before

  private final GroupedLocks locks;
  private final TaskLocks.Lock lock;
  private CompletableFuture<Void> released;

  RunLock(GroupedLocks locks, TaskLocks.Lock lock) {
    this.locks = locks;
    this.lock = lock;
  }

  TaskLocks.Lock lock() {
    return lock;
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
              .unlock(lock)
              .<Void>thenApply(ignored -> null)
              .exceptionally(
                  error -> {
                    log.debug(
                        "unlocking task {} failed; the lock lapses on its own: {}",
                        lock.taskId(),
                        error.toString());
                    return null;
                  });
    }
    return released;
  }
}
