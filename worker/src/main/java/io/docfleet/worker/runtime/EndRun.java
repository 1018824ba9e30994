package io.docfleet.worker.runtime;

import io.docfleet.queue.DeadLetter;
import io.docfleet.queue.TaskStatus;
import io.docfleet.task.Task;
import io.docfleet.worker.handler.NextStep;
import io.docfleet.worker.queue.WorkerQueue;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends one run of a claimed item as its begin or its retry policy decided: complete it (record the
 * completion, take the item off the in-flight list), retry it at a time, poll it at a time,
 * dead-letter it, or drop it as a duplicate. Every Redis step is retried until it is done. A retry
 * or a poll releases the lock before the item goes to the delayed set: a held lock tells a claimer
 * that its copy is a duplicate, so the lock must never be held by a run whose item can already be
 * claimed again.
 */
final class EndRun {
  private static final Logger log = LoggerFactory.getLogger(RunClaimedTask.class); // the run's log

  /** The attempt a handler ran: its item, task, number, and how many the task may take. */
  record Attempt(String item, Task task, int number, int allowed) {}

  private final WorkerContext worker;
  private final WorkerQueue queue;
  private final RunSteps steps;

  EndRun(WorkerContext worker, WorkerQueue queue, RunSteps steps) {
    this.worker = worker;
    this.queue = queue;
    this.steps = steps;
  }

  /**
   * Does what the policy decided after the handler ran; a retry or dead-letter counts a failure.
   */
  CompletableFuture<Void> follow(Attempt attempt, NextStep step, RunLock lock) {
    if (step instanceof NextStep.Complete) {
      return complete(attempt.item(), attempt.task(), lock, true);
    }
    if (step instanceof NextStep.PollAt poll) {
      return pollAt(attempt, poll, lock);
    }
    worker.stats().failed.incrementAndGet();
    if (step instanceof NextStep.RetryAt retry) {
      return retryAt(attempt, retry, lock);
    }
    NextStep.DeadLetter dead = (NextStep.DeadLetter) step;
    log.warn(
        "task {} goes to the dead-letter list of {}: {}",
        attempt.task().id(),
        queue.type(),
        dead.reason());
    return deadLetter(attempt.item(), attempt.task(), dead);
  }

  /** Dead-letters the item with the reason and records the task dead. */
  CompletableFuture<Void> deadLetter(String item, Task task, NextStep.DeadLetter dead) {
    return deadLetterItem(item, task.id(), dead.reason(), dead.attempts(), true)
        .thenCompose(ignored -> finish(task, TaskStatus.DEAD, dead.reason()));
  }

  private CompletableFuture<Void> retryAt(Attempt attempt, NextStep.RetryAt retry, RunLock lock) {
    Task task = attempt.task();
    String next = worker.fleet().codec().encode(task.withAttempt(attempt.number()));
    log.info(
        "task {} failed attempt {} of {} ({}); next try in {} ms",
        task.id(),
        attempt.number(),
        attempt.allowed(),
        retry.reason(),
        retry.delay().toMillis());
    return finish(task, TaskStatus.RETRYING, retry.reason())
        .thenCompose(ignored -> lock.release())
        .thenCompose(
            ignored ->
                worker
                    .retry()
                    .untilDone(
                        () -> "scheduling the retry of task " + task.id(),
                        () -> queue.retry(attempt.item(), next, retry.at())))
        .thenApply(ignored -> null);
  }

  /**
   * A task that waits on something outside goes to the delayed set to run again, like a retry but
   * with its attempt not counted: its item keeps the attempts it had, and its record goes back to
   * them.
   */
  private CompletableFuture<Void> pollAt(Attempt attempt, NextStep.PollAt poll, RunLock lock) {
    Task task = attempt.task();
    String next = worker.fleet().codec().encode(poll.payload().map(task::withPayload).orElse(task));
    log.debug(
        "task {} waits ({}); it looks again in {} ms",
        task.id(),
        poll.reason(),
        poll.delay().toMillis());
    return worker
        .retry()
        .untilDone(
            () -> "recording that task " + task.id() + " waits",
            () -> worker.assignments().waiting(task.id(), attempt.number() - 1))
        .thenCompose(ignored -> lock.release())
        .thenCompose(
            ignored ->
                worker
                    .retry()
                    .untilDone(
                        () -> "scheduling the next poll of task " + task.id(),
                        () -> queue.pollLater(attempt.item(), next, poll.at())))
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
   * Records the completion (unless an earlier run did) and completes the item of a task: takes it
   * off the in-flight list.
   */
  CompletableFuture<Void> complete(String item, Task task, RunLock lock, boolean record) {
    return steps
        .complete(item, task, lock.lock(), record)
        .thenAccept(
            completed -> {
              if (completed.unlocked()) {
                lock.releasedElsewhere();
              }
              if (completed.removed()) {
                worker.stats().completed.incrementAndGet();
              } else {
                worker.stats().stale.incrementAndGet();
                log.warn(
                    "task {} finished after it was returned to its queue; the worker that claims"
                        + " it next completes it",
                    task.id());
              }
            });
  }

  /**
   * Moves the item to the dead-letter list; {@code failed} counts it as a failed task (else it is
   * an item this queue cannot run, logged here).
   */
  CompletableFuture<Void> deadLetterItem(
      String item, String taskId, String reason, int attempts, boolean failed) {
    Instant now = worker.fleet().clock().instant();
    DeadLetter entry = new DeadLetter(taskId, item, reason, now, worker.workerId(), attempts);
    if (!failed) {
      log.warn("queue item of {} goes to the dead-letter list: {}", queue.type(), reason);
    }
    return worker
        .retry()
        .untilDone(
            () -> "dead-lettering a task of " + queue.type(),
            () -> queue.deadLetter(item, entry, failed))
        .thenApply(ignored -> null);
  }

  /** Drops a duplicate item without running its task. */
  CompletableFuture<Void> dropDuplicate(String item, Task task, String why) {
    worker.stats().duplicates.incrementAndGet();
    log.info("task {} is a duplicate queue item ({}); dropped without running", task.id(), why);
    return worker
        .retry()
        .untilDone(
            () -> "dropping a duplicate of task " + task.id(), () -> queue.dropDuplicate(item))
        .thenApply(ignored -> null);
  }

  private CompletableFuture<Void> finish(Task task, TaskStatus status, String error) {
    return worker
        .retry()
        .untilDone(
            () -> "recording the end of task " + task.id(),
            () -> worker.assignments().finish(task.id(), status, error));
  }
}
