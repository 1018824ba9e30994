package io.docfleet.worker.runtime;

import io.docfleet.queue.BeginResult;
import io.docfleet.queue.TaskAssignments;
import io.docfleet.queue.TaskStatus;
import io.docfleet.task.Task;
import io.docfleet.worker.lock.TaskLocks.Lock;
import io.docfleet.worker.queue.WorkerQueue;
import java.util.concurrent.CompletableFuture;

/**
 * Run steps for a cluster, where a task's lock, its record and its queue are in different hash
 * slots: a begin takes the lock, then records the start; a completion is recorded first, marked
 * {@code unsettled}, then the item is completed (taken off the in-flight list), then the mark goes
 * (see {@link TaskAssignments}), so a worker that stops in between leaves nothing that runs the
 * task twice. Each step is shared by the runs that ask while the previous call is in flight ({@link
 * GroupCommit}); the lock is released by the caller.
 */
final class SplitRunSteps implements RunSteps {
  /** The most completions one {@code complete.lua} call carries. */
  static final int COMPLETION_BATCH = 256;

  private final WorkerContext worker;
  private final GroupCommit<String, Boolean> completions;

  SplitRunSteps(WorkerContext worker, WorkerQueue queue) {
    this.worker = worker;
    this.completions = new GroupCommit<>(queue::completeAll, COMPLETION_BATCH);
  }

  @Override
  public CompletableFuture<BeginResult> begin(Task task, Lock lock) {
    return worker
        .retry()
        .untilDone(() -> "locking task " + task.id(), () -> worker.locks().tryLock(lock))
        .thenCompose(
            taken ->
                taken
                    ? worker
                        .retry()
                        .untilDone(
                            () -> "recording the start of task " + task.id(),
                            () -> worker.assignments().start(task))
                    : CompletableFuture.completedFuture(new BeginResult.LockedElsewhere()));
  }

  @Override
  public CompletableFuture<Completed> complete(String item, Task task, Lock lock, boolean record) {
    CompletableFuture<Void> recorded =
        record
            ? worker
                .retry()
                .untilDone(
                    () -> "recording the end of task " + task.id(),
                    () -> worker.assignments().finish(task.id(), TaskStatus.COMPLETED, null))
            : CompletableFuture.completedFuture(null);
    return recorded
        .thenCompose(
            ignored ->
                worker
                    .retry()
                    .untilDone(
                        () -> "completing task " + task.id(), () -> completions.submit(item)))
        .thenCompose(
            removed ->
                removed
                    ? worker
                        .retry()
                        .untilDone(
                            () -> "recording that the item of task " + task.id() + " is completed",
                            () -> worker.assignments().itemCompleted(task.id()))
                        .thenApply(ignored -> new Completed(true, false))
                    : CompletableFuture.completedFuture(new Completed(false, false)));
  }
}
