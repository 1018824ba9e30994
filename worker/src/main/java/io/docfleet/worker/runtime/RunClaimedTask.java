package io.docfleet.worker.runtime;

import io.docfleet.queue.DeadLetter;
import io.docfleet.queue.MalformedTaskException;
import io.docfleet.queue.Task;
import io.docfleet.queue.TaskAssignments;
import io.docfleet.queue.WorkerQueue;
import io.docfleet.worker.handler.PermanentTaskException;
import io.docfleet.worker.handler.TaskHandler;
import io.docfleet.worker.handler.TaskOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one claimed queue item to its end: decode, take the task's lock, record the start (a task
 * that already completed is a duplicate), run the handler (on the type's pool, or in place when it
 * {@linkplain TaskHandler#runsInline runs inline}), settle the item (complete, retry later, or
 * dead-letter), record how it ended, unlock. An item that is not a task, or names a type this queue
 * does not serve, goes to the dead-letter list with the reason.
 *
 * <p>Completions of many items share one settle call ({@link GroupCommit}): each item is still
 * removed by its exact bytes and learns on its own whether it was stale. Start and finish records
 * of many runs share one pipelined round trip ({@link AssignmentWriter}).
 */
final class RunClaimedTask {
  private static final Logger log = LoggerFactory.getLogger(RunClaimedTask.class);

  /** The most completions one settle call carries. */
  static final int COMPLETION_BATCH = 256;

  private final WorkerContext ctx;
  private final WorkerQueue queue;
  private final ExecutorService pool;
  private final GroupCommit<String, Boolean> completions;

  RunClaimedTask(WorkerContext ctx, WorkerQueue queue, ExecutorService pool) {
    this.ctx = ctx;
    this.queue = queue;
    this.pool = pool;
    this.completions = new GroupCommit<>(queue::completeAll, COMPLETION_BATCH, ctx.batchKickoff());
  }

  CompletableFuture<Void> run(String item) {
    Task task;
    try {
      task = ctx.fleet().codec().decode(item);
    } catch (MalformedTaskException e) {
      return bury(item, null, "malformed task: " + e.getMessage(), 0, false);
    }
    TaskHandler handler = ctx.handlers().find(task.type()).orElse(null);
    if (handler == null || !task.type().equals(queue.type())) {
      String reason =
          "no handler for task type '" + task.type() + "' on the queue of '" + queue.type() + "'";
      return bury(item, task.id(), reason, task.attempt(), false);
    }
    long owner = ctx.locks().newOwner();
    return ctx.retry()
        .untilDone("locking task " + task.id(), () -> ctx.locks().tryLock(task.id(), owner))
        .thenCompose(
            locked -> {
              if (!locked) {
                return dropDuplicate(item, task, "another worker is running it");
              }
              return runLocked(item, task, handler)
                  .whenComplete((ignored, error) -> unlock(task, owner));
            });
  }

  private CompletableFuture<Void> runLocked(String item, Task task, TaskHandler handler) {
    return ctx.retry()
        .untilDone("recording the start of task " + task.id(), () -> ctx.assignments().start(task))
        .thenCompose(
            attempt -> {
              if (attempt == TaskAssignments.ALREADY_COMPLETED) {
                return dropDuplicate(item, task, "it already completed");
              }
              int allowed = task.attemptsAllowed(ctx.queueSettings().maxAttempts());
              if (attempt > allowed) {
                String reason =
                    "gave up after "
                        + (attempt - 1)
                        + " attempts (a worker stopped"
                        + " while running it, or it kept failing)";
                return bury(item, task.id(), reason, attempt - 1, true)
                    .thenCompose(ignored -> finish(task, "dead", reason));
              }
              if (handler.runsInline()) {
                return settle(item, task, attempt, allowed, invoke(handler, task));
              }
              return CompletableFuture.supplyAsync(() -> invoke(handler, task), pool)
                  .thenCompose(outcome -> settle(item, task, attempt, allowed, outcome));
            });
  }

  private static TaskOutcome invoke(TaskHandler handler, Task task) {
    try {
      TaskOutcome outcome = handler.handle(task);
      return outcome == null ? new TaskOutcome.RetryLater("handler returned no outcome") : outcome;
    } catch (PermanentTaskException e) {
      return new TaskOutcome.Failed(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new TaskOutcome.RetryLater("interrupted while the worker stopped");
    } catch (Exception | LinkageError | AssertionError e) {
      return new TaskOutcome.RetryLater(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private CompletableFuture<Void> settle(
      String item, Task task, int attempt, int allowed, TaskOutcome outcome) {
    if (outcome instanceof TaskOutcome.Succeeded) {
      return ctx.retry()
          .untilDone("completing task " + task.id(), () -> completions.submit(item))
          .thenCompose(
              removed -> {
                if (!removed) {
                  ctx.stats().stale.incrementAndGet();
                  log.warn(
                      "task {} finished after it was given to another worker; its result is"
                          + " discarded",
                      task.id());
                  return CompletableFuture.completedFuture(null);
                }
                ctx.stats().completed.incrementAndGet();
                return finish(task, "completed", null);
              });
    }
    ctx.stats().failed.incrementAndGet();
    String reason =
        outcome instanceof TaskOutcome.RetryLater retry
            ? retry.reason()
            : ((TaskOutcome.Failed) outcome).reason();
    if (outcome instanceof TaskOutcome.Failed || attempt >= allowed) {
      String why =
          outcome instanceof TaskOutcome.Failed
              ? "failed permanently: " + reason
              : "failed " + attempt + " of " + allowed + " attempts, last: " + reason;
      log.warn("task {} goes to the dead-letter list of {}: {}", task.id(), queue.type(), why);
      return bury(item, task.id(), why, attempt, true)
          .thenCompose(ignored -> finish(task, "dead", why));
    }
    Duration delay = ctx.backoff().delayAfter(attempt, ThreadLocalRandom.current().nextDouble());
    Instant due = ctx.fleet().clock().instant().plus(delay);
    String next = ctx.fleet().codec().encode(task.withAttempt(attempt));
    log.info(
        "task {} failed attempt {} of {} ({}); next try in {} ms",
        task.id(),
        attempt,
        allowed,
        reason,
        delay.toMillis());
    return ctx.retry()
        .untilDone("scheduling the retry of task " + task.id(), () -> queue.retry(item, next, due))
        .thenCompose(ignored -> finish(task, "retrying", reason));
  }

  private CompletableFuture<Void> finish(Task task, String status, String error) {
    return ctx.retry()
        .untilDone(
            "recording the end of task " + task.id(),
            () -> ctx.assignments().finish(task.id(), status, error));
  }

  private CompletableFuture<Void> bury(
      String item, String taskId, String reason, int attempts, boolean failed) {
    DeadLetter entry =
        new DeadLetter(
            taskId, item, reason, ctx.fleet().clock().instant(), ctx.workerId(), attempts);
    if (!failed) {
      log.warn("queue item of {} goes to the dead-letter list: {}", queue.type(), reason);
    }
    return ctx.retry()
        .untilDone(
            "dead-lettering a task of " + queue.type(), () -> queue.bury(item, entry, failed))
        .thenApply(ignored -> null);
  }

  private CompletableFuture<Void> dropDuplicate(String item, Task task, String why) {
    ctx.stats().duplicates.incrementAndGet();
    log.info("task {} is a duplicate queue item ({}); dropped without running", task.id(), why);
    return ctx.retry()
        .untilDone("dropping a duplicate of task " + task.id(), () -> queue.dropDuplicate(item))
        .thenApply(ignored -> null);
  }

  private void unlock(Task task, long owner) {
    CompletionStage<Void> unlocked = ctx.locks().unlock(task.id(), owner);
    unlocked.exceptionally(
        error -> {
          log.debug("unlocking task {} failed; the lock lapses on its own: {}", task.id(), error);
          return null;
        });
  }
}
