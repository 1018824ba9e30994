package io.docfleet.worker.runtime;

import io.docfleet.queue.DeadLetter;
import io.docfleet.queue.TaskRecord;
import io.docfleet.queue.TaskStatus;
import io.docfleet.task.Task;
import io.docfleet.worker.handler.NextStep;
import io.docfleet.worker.queue.ClaimedItem;
import io.docfleet.worker.queue.RunEnds;
import io.docfleet.worker.queue.RunEnds.Completion;
import io.docfleet.worker.queue.WorkerQueue;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends one run of a claimed item as its begin or its retry policy decided: complete it, retry it at
 * a time, poll it at a time, or dead-letter it. Each end is one script call ({@link RunEnds}) that
 * takes the item off the in-flight list, writes the task's record, releases the run lock and
 * counts, retried until it is done; completions of every run that ends while the previous call is
 * in flight go out together ({@link GroupCommit}). An end whose item a reaper returned meanwhile is
 * stale: nothing is written, the task runs again where it went.
 */
final class EndRun {
  private static final Logger log = LoggerFactory.getLogger(RunClaimedTask.class); // the run's log

  /** The most completions one call carries. */
  static final int MAX_BATCH = 256;

  /** The attempt a handler ran: its claimed item, task, number, and how many it may take. */
  record Attempt(ClaimedItem claimed, Task task, int number, int allowed) {}

  private final WorkerContext worker;
  private final WorkerQueue queue;
  private final RunEnds ends;
  private final GroupCommit<Completion, Boolean> completions;

  EndRun(WorkerContext worker, WorkerQueue queue) {
    this.worker = worker;
    this.queue = queue;
    this.ends = queue.ends();
    this.completions = new GroupCommit<>(ends::completeAll, MAX_BATCH);
  }

  /**
   * Does what the policy decided after the handler ran; a retry or dead-letter counts a failure.
   */
  CompletableFuture<Void> follow(Attempt attempt, NextStep step) {
    if (step instanceof NextStep.Complete) {
      return complete(attempt);
    }
    if (step instanceof NextStep.PollAt poll) {
      return pollAt(attempt, poll);
    }
    worker.stats().failed.incrementAndGet();
    if (step instanceof NextStep.RetryAt retry) {
      return retryAt(attempt, retry);
    }
    NextStep.DeadLetter dead = (NextStep.DeadLetter) step;
    log.warn(
        "task {} goes to the dead-letter list of {}: {}",
        attempt.task().id(),
        queue.type(),
        dead.reason());
    return deadLetter(attempt.claimed(), attempt.task(), dead);
  }

  /** Dead-letters the item with the reason and records the task dead. */
  CompletableFuture<Void> deadLetter(ClaimedItem claimed, Task task, NextStep.DeadLetter dead) {
    return deadLetterItem(claimed, task.id(), dead.reason(), dead.attempts(), true, dead.trace());
  }

  /** Records the completion and takes the item off the in-flight list, unless that is stale. */
  CompletableFuture<Void> complete(Attempt attempt) {
    ClaimedItem claimed = attempt.claimed();
    String record =
        TaskRecord.completed(
                worker.workerId(),
                attempt.number(),
                claimed.startedAt(),
                now(),
                claimed.lastError())
            .toJson();
    worker.locks().untrack(claimed.lock());
    return worker
        .retry()
        .untilDone(
            () -> "completing task " + claimed.taskId(),
            () -> completions.submit(new Completion(claimed, record)))
        .thenAccept(
            completed -> {
              if (completed) {
                worker.stats().completed.incrementAndGet();
              } else {
                worker.stats().stale.incrementAndGet();
                log.warn(
                    "task {} finished after its lease expired (the reaper returned it to its"
                        + " queue, to run again there); its completion is refused",
                    claimed.taskId());
              }
            });
  }

  private CompletableFuture<Void> retryAt(Attempt attempt, NextStep.RetryAt retry) {
    Task task = attempt.task();
    ClaimedItem claimed = attempt.claimed();
    String next = worker.fleet().codec().encode(task.withAttempt(attempt.number()));
    log.info(
        "task {} failed attempt {} of {} ({}); next try in {} ms",
        task.id(),
        attempt.number(),
        attempt.allowed(),
        retry.reason(),
        retry.delay().toMillis());
    String record =
        ended(claimed, TaskStatus.RETRYING, attempt.number(), retry.reason())
            .withErrorTrace(retry.trace())
            .toJson();
    worker.locks().untrack(claimed.lock());
    return worker
        .retry()
        .untilDone(
            () -> "scheduling the retry of task " + task.id(),
            () -> ends.retry(claimed, next, retry.at(), record))
        .thenApply(ignored -> null);
  }

  /**
   * A task that waits on something outside goes to the delayed set to run again, like a retry but
   * with its attempt not counted: its item keeps the attempts it had, and its record goes back to
   * them.
   */
  private CompletableFuture<Void> pollAt(Attempt attempt, NextStep.PollAt poll) {
    Task task = attempt.task();
    ClaimedItem claimed = attempt.claimed();
    String next = worker.fleet().codec().encode(poll.payload().map(task::withPayload).orElse(task));
    log.debug(
        "task {} waits ({}); it looks again in {} ms",
        task.id(),
        poll.reason(),
        poll.delay().toMillis());
    String record =
        ended(claimed, TaskStatus.WAITING, attempt.number() - 1, claimed.lastError()).toJson();
    worker.locks().untrack(claimed.lock());
    return worker
        .retry()
        .untilDone(
            () -> "scheduling the next poll of task " + task.id(),
            () -> ends.pollLater(claimed, next, poll.at(), record))
        .thenAccept(
            scheduled -> {
              if (scheduled) {
                worker.stats().pollsScheduled.incrementAndGet();
              } else {
                worker.stats().stale.incrementAndGet();
              }
            });
  }

  /**
   * Moves the item to the dead-letter list, with its task's record (where the claim read a task id)
   * saying dead; {@code failed} counts it as a failed task (else it is an item this queue cannot
   * run, logged here).
   */
  CompletableFuture<Void> deadLetterItem(
      ClaimedItem claimed, String taskId, String reason, int attempts, boolean failed) {
    return deadLetterItem(claimed, taskId, reason, attempts, failed, null);
  }

  private CompletableFuture<Void> deadLetterItem(
      ClaimedItem claimed,
      String taskId,
      String reason,
      int attempts,
      boolean failed,
      String trace) {
    Instant now = worker.fleet().clock().instant();
    DeadLetter entry =
        new DeadLetter(taskId, claimed.item(), reason, now, worker.workerId(), attempts);
    if (!failed) {
      log.warn("queue item of {} goes to the dead-letter list: {}", queue.type(), reason);
    }
    String record =
        ended(claimed, TaskStatus.DEAD, attempts, reason).withErrorTrace(trace).toJson();
    if (claimed.locked()) {
      worker.locks().untrack(claimed.lock());
    }
    return worker
        .retry()
        .untilDone(
            () -> "dead-lettering a task of " + queue.type(),
            () -> ends.deadLetter(claimed, entry, failed, record))
        .thenApply(ignored -> null);
  }

  /** Counts and logs an item the claim dropped as a duplicate. */
  void droppedDuplicate(ClaimedItem claimed) {
    worker.stats().duplicates.incrementAndGet();
    log.info(
        "task {} is a duplicate queue item ({}); dropped without running",
        claimed.taskId(),
        claimed.begun() instanceof io.docfleet.queue.BeginResult.AlreadyCompleted
            ? "it already completed"
            : "another worker is running it");
  }

  private TaskRecord ended(ClaimedItem claimed, TaskStatus status, int attempts, String error) {
    return TaskRecord.ended(status, worker.workerId(), attempts, claimed.startedAt(), now(), error);
  }

  private long now() {
    return worker.fleet().clock().millis();
  }
}
