package io.docfleet.worker.runtime;

import io.docfleet.queue.BeginResult;
import io.docfleet.task.Task;
import io.docfleet.worker.lock.TaskLocks.Lock;
import io.docfleet.worker.runtime.SingleNodeRuns.Begin;
import io.docfleet.worker.runtime.SingleNodeRuns.Completion;
import java.util.concurrent.CompletableFuture;

/**
 * Run steps where every key is on one server: a begin is one {@code run_begin.lua} call and a
 * completion one atomic {@code run_complete.lua} call, each shared by every run that asks while the
 * previous call is in flight ({@link GroupCommit}).
 */
final class OneCallRunSteps implements RunSteps {
  /** The most runs one call carries. */
  static final int MAX_BATCH = 256;

  private final WorkerContext worker;
  private final GroupCommit<Begin, BeginResult> begins;
  private final GroupCommit<Completion, Boolean> completions;

  OneCallRunSteps(WorkerContext worker, SingleNodeRuns runs) {
    this.worker = worker;
    this.begins = new GroupCommit<>(runs::beginAll, MAX_BATCH);
    this.completions = new GroupCommit<>(runs::completeAll, MAX_BATCH);
  }

  @Override
  public CompletableFuture<BeginResult> begin(Task task, Lock lock) {
    return worker
        .retry()
        .untilDone(() -> "starting task " + task.id(), () -> begins.submit(new Begin(task, lock)));
  }

  @Override
  public CompletableFuture<Completed> complete(String item, Task task, Lock lock, boolean record) {
    return worker
        .retry()
        .untilDone(
            () -> "completing task " + task.id(),
            () -> completions.submit(new Completion(item, lock, record)))
        .thenApply(removed -> new Completed(removed, true));
  }
}
