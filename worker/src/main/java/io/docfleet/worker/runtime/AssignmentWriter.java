package io.docfleet.worker.runtime;

import io.docfleet.queue.BeginResult;
import io.docfleet.queue.TaskAssignments;
import io.docfleet.queue.TaskAssignments.Finish;
import io.docfleet.queue.TaskAssignments.ItemCompleted;
import io.docfleet.queue.TaskAssignments.Start;
import io.docfleet.queue.TaskAssignments.Waiting;
import io.docfleet.queue.TaskAssignments.Write;
import io.docfleet.queue.TaskStatus;
import io.docfleet.task.Task;
import java.util.concurrent.CompletableFuture;

/**
 * Writes this worker's {@code task:assignments:<taskId>} records. Starts and finishes of all its
 * runs share one {@link GroupCommit}, so a busy worker sends the records of many tasks in one
 * pipelined round trip; each record is still written by its own script on its own key.
 */
final class AssignmentWriter {
  /** The most records one pipelined call carries. */
  static final int MAX_BATCH = 256;

  private final String workerId;
  private final GroupCommit<Write, Long> writes;

  AssignmentWriter(TaskAssignments assignments, String workerId) {
    this.workerId = workerId;
    this.writes = new GroupCommit<>(assignments::writeAll, MAX_BATCH);
  }

  /** Records the start; completes with this attempt's number, or why the task is not run. */
  CompletableFuture<BeginResult> start(Task task) {
    return writes.submit(new Start(task, workerId)).thenApply(BeginResult::fromReply);
  }

  /** Clears the completion's unsettled mark once its queue item is completed. */
  CompletableFuture<Void> itemCompleted(String taskId) {
    return writes.submit(new ItemCompleted(taskId)).thenApply(ignored -> null);
  }

  /** Records that the task waits and runs again, this attempt not counted. */
  CompletableFuture<Void> waiting(String taskId, int attemptsMade) {
    return writes.submit(new Waiting(taskId, attemptsMade)).thenApply(ignored -> null);
  }

  /** Records how the attempt ended. */
  CompletableFuture<Void> finish(String taskId, TaskStatus status, String error) {
    return writes.submit(new Finish(taskId, status, error)).thenApply(ignored -> null);
  }
}
