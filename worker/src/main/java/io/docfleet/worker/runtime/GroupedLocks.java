package io.docfleet.worker.runtime;

import io.docfleet.worker.lock.TaskLocks;
import io.docfleet.worker.lock.TaskLocks.Lock;
import java.util.concurrent.CompletableFuture;

/**
 * Takes and releases this worker's task locks in groups: every lock asked for while a call is in
 * flight goes out together in the next call ({@link GroupCommit}), so a claimed batch is locked in
 * one pipelined round trip and unlocked in another. Each lock is still its own script call on its
 * own key, with its own answer.
 */
final class GroupedLocks {
  /** The most locks one pipelined call carries. */
  static final int MAX_BATCH = 256;

  private final TaskLocks locks;
  private final GroupCommit<Lock, Boolean> takes;
  private final GroupCommit<Lock, Boolean> releases;

  GroupedLocks(TaskLocks locks) {
    this.locks = locks;
    this.takes = new GroupCommit<>(locks::tryLockAll, MAX_BATCH);
    this.releases = new GroupCommit<>(locks::unlockAll, MAX_BATCH);
  }

  /** The locks themselves, for steps that take or release them in scripts of their own. */
  TaskLocks taskLocks() {
    return locks;
  }

  /** A fresh lock for one run of the task (not taken yet). */
  Lock newLock(String taskId) {
    return locks.newLock(taskId);
  }

  /** Takes the lock without waiting; false when another run holds it. */
  CompletableFuture<Boolean> tryLock(Lock lock) {
    return takes.submit(lock);
  }

  /** Releases the lock; false when this run no longer held it. */
  CompletableFuture<Boolean> unlock(Lock lock) {
    return releases.submit(lock);
  }
}
