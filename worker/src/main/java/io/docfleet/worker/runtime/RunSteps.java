package io.docfleet.worker.runtime;

import io.docfleet.queue.BeginResult;
import io.docfleet.task.Task;
import io.docfleet.worker.lock.TaskLocks.Lock;
import io.docfleet.worker.queue.WorkerQueue;
import java.util.concurrent.CompletableFuture;

/**
 * The Redis steps that open and close one run of a claimed task: begin (take the task's lock,
 * record the start) and complete (record the completion, take the queue item off the in-flight
 * list). Each step is retried until it is done. Where every key is on one server each is one script
 * call shared by many runs ({@link OneCallRunSteps}); on a cluster, where a task's lock, its record
 * and its queue are in different hash slots, they are separate calls in a safe order ({@link
 * SplitRunSteps}).
 */
interface RunSteps {

  /**
   * Takes the lock and records the start: {@link BeginResult.Started} with the attempt number,
   * {@link BeginResult.LockedElsewhere} (nothing was written), or {@link
   * BeginResult.AlreadyCompleted} / {@link BeginResult.CompletedStillInFlight} (the lock is held:
   * release it).
   */
  CompletableFuture<BeginResult> begin(Task task, Lock lock);

  /**
   * Records the completion (unless {@code record} is false: an earlier run recorded it) and takes
   * the item off the in-flight list; says whether the item was removed (false: it was no longer in
   * flight here, the completion is stale) and whether the lock was released with it.
   */
  CompletableFuture<Completed> complete(String item, Task task, Lock lock, boolean record);

  /** How a completion went. */
  record Completed(boolean removed, boolean unlocked) {}

  /** The steps for the topology the worker's Redis client is configured for. */
  static RunSteps forQueue(WorkerContext worker, WorkerQueue queue) {
    if (worker.fleet().redis().getConfig().isClusterConfig()) {
      return new SplitRunSteps(worker, queue);
    }
    return new OneCallRunSteps(
        worker,
        new SingleNodeRuns(
            worker.fleet(),
            worker.locks().taskLocks(),
            queue.type(),
            worker.workerId(),
            worker.queueSettings().assignmentRetention(),
            worker.replicaAcks()));
  }
}
