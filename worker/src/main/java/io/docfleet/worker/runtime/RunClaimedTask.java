package io.docfleet.worker.runtime;

import io.docfleet.coordination.TaskLocks;
import io.docfleet.queue.BeginResult;
import io.docfleet.queue.DeadLetter;
import io.docfleet.queue.MalformedTaskException;
import io.docfleet.queue.Task;
import io.docfleet.queue.WorkerQueue;
import io.docfleet.worker.handler.PermanentTaskException;
import io.docfleet.worker.handler.TaskHandler;
import io.docfleet.worker.handler.TaskOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one claimed queue item to its end: decode, begin the run (take the task's lock and record
 * the start; a task whose lock another run holds, or that already completed, is a duplicate), run
 * the handler (on the type's pool, or in place when it {@linkplain TaskHandler#runsInline runs
 * inline}), settle the item (complete, retry later, poll later, or dead-letter) with its record,
 * unlock. An item that is not a task, or names a type this queue does not serve, goes to the
 * dead-letter list with the reason. A run that the drain cuts short stays in flight, for the drain
 * to give back.
 *
 * <p>Beginning and completing are {@link RunSteps}: one script call each, shared by many runs, on a
 * single Redis; separate calls in a crash-safe order on a cluster. A retry releases the lock before
 * the item goes to the delayed set: a held lock tells a claimer that its copy is a duplicate, so
 * the lock must never be held by a run whose item can already be claimed again.
 */
final class RunClaimedTask {
  private static final Logger log = LoggerFactory.getLogger(RunClaimedTask.class);

  private final WorkerContext ctx;
  private final WorkerQueue queue;
  private final ExecutorService pool;
  private final RunSteps steps;
  private final RunningItems running = new RunningItems();

  RunClaimedTask(WorkerContext ctx, WorkerQueue queue, ExecutorService pool) {
    this.ctx = ctx;
    this.queue = queue;
    this.pool = pool;
    this.steps = RunSteps.forQueue(ctx, queue);
  }

  /** The items whose runs are under way, from {@link #run} until the run ended. */
  RunningItems running() {
    return running;
  }

  CompletableFuture<Void> run(String item) {
    running.add(item);
    CompletableFuture<Void> run;
    try {
      run = start(item);
    } catch (RuntimeException e) {
      running.remove(item);
      throw e;
    }
    return run.whenComplete((ignored, error) -> running.remove(item));
  }

  private CompletableFuture<Void> start(String item) {
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
    TaskLocks.Lock hold = ctx.locks().newLock(task.id());
    return steps
        .begin(task, hold)
        .thenCompose(
            begun -> {
              if (!begun.holdsLock()) {
                return dropDuplicate(item, task, "another worker is running it");
              }
              HeldLock lock = new HeldLock(hold);
              return runLocked(item, task, handler, lock, begun)
                  .whenComplete((ignored, error) -> lock.release());
            });
  }

  private CompletableFuture<Void> runLocked(
      String item, Task task, TaskHandler handler, HeldLock lock, BeginResult begun) {
    if (begun instanceof BeginResult.AlreadyCompleted) {
      return dropDuplicate(item, task, "it already completed");
    }
    if (begun instanceof BeginResult.CompletedUnsettled) {
      log.info(
          "task {} completed on a worker that stopped before settling it; settled now,"
              + " without running it again",
          task.id());
      return complete(item, task, lock, false);
    }
    int attempt = ((BeginResult.Started) begun).attempt();
    int allowed = task.attemptsAllowed(ctx.queueSettings().maxAttempts());
    if (attempt > allowed) {
      String reason =
          "gave up after "
              + (attempt - 1)
              + " attempts (a worker stopped"
              + " while running it, or it kept failing)";
      return tellGaveUp(handler, task, reason)
          .thenCompose(ignored -> bury(item, task.id(), reason, attempt - 1, true))
          .thenCompose(ignored -> finish(task, "dead", reason));
    }
    CompletableFuture<TaskOutcome> outcome =
        handler.runsInline()
            ? CompletableFuture.completedFuture(timed(handler, task))
            : CompletableFuture.supplyAsync(() -> timed(handler, task), pool);
    return outcome.thenCompose(
        result ->
            cutShortByDrain(result)
                ? leaveForDrain(task)
                : settle(item, task, attempt, allowed, result, lock));
  }

  /**
   * True when the drain stopped the pool (its grace ran out) and the run did not succeed: the
   * handler was interrupted, which is no failure of the task, so it is not retried with backoff.
   */
  private boolean cutShortByDrain(TaskOutcome outcome) {
    return pool.isShutdown() && !(outcome instanceof TaskOutcome.Succeeded);
  }

  /** Leaves the item in flight; the drain gives it back to the head of its queue. */
  private CompletableFuture<Void> leaveForDrain(Task task) {
    log.info("task {} was cut short by the shutdown; it goes back to its queue", task.id());
    return CompletableFuture.completedFuture(null);
  }

  /**
   * Lets the handler record, on the type's pool, that its task ends dead without another run; never
   * fails or holds up the bury.
   */
  private CompletableFuture<Void> tellGaveUp(TaskHandler handler, Task task, String reason) {
    Runnable tell =
        () -> {
          try {
            handler.gaveUp(task, reason);
          } catch (RuntimeException | LinkageError e) {
            log.warn("handler of task {} could not record its end: {}", task.id(), e.toString());
          }
        };
    try {
      return CompletableFuture.runAsync(tell, pool);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.completedFuture(null); // the pool stopped: the worker drains
    }
  }

  /** Runs the handler and records how long it ran, in memory (no Redis command). */
  private TaskOutcome timed(TaskHandler handler, Task task) {
    long start = ctx.durations().now();
    try {
      return invoke(handler, task);
    } finally {
      ctx.durations().record(task.type(), ctx.durations().now() - start);
    }
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
      String item, Task task, int attempt, int allowed, TaskOutcome outcome, HeldLock lock) {
    if (outcome instanceof TaskOutcome.Succeeded) {
      return complete(item, task, lock, true);
    }
    if (outcome instanceof TaskOutcome.PollLater poll) {
      return pollLater(item, task, attempt, poll, lock);
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
    return finish(task, "retrying", reason)
        .thenCompose(ignored -> lock.release())
        .thenCompose(
            ignored ->
                ctx.retry()
                    .untilDone(
                        () -> "scheduling the retry of task " + task.id(),
                        () -> queue.retry(item, next, due)))
        .thenApply(ignored -> null);
  }

  /**
   * A task that waits on something outside goes to the delayed set to run again, like a retry but
   * with its attempt given back: its item keeps the attempts it had, and its record goes back to
   * them. The lock is released first, for the same reason as a retry's.
   */
  private CompletableFuture<Void> pollLater(
      String item, Task task, int attempt, TaskOutcome.PollLater poll, HeldLock lock) {
    Instant due = ctx.fleet().clock().instant().plus(poll.delay());
    Task again = poll.payload().map(task::withPayload).orElse(task);
    String next = ctx.fleet().codec().encode(again);
    log.debug(
        "task {} waits ({}); it looks again in {} ms",
        task.id(),
        poll.reason(),
        poll.delay().toMillis());
    return ctx.retry()
        .untilDone(
            () -> "recording that task " + task.id() + " waits",
            () -> ctx.assignments().waiting(task.id(), attempt - 1))
        .thenCompose(ignored -> lock.release())
        .thenCompose(
            ignored ->
                ctx.retry()
                    .untilDone(
                        () -> "scheduling the next poll of task " + task.id(),
                        () -> queue.pollLater(item, next, due)))
        .thenAccept(
            scheduled -> {
              if (scheduled) {
                ctx.stats().polls.incrementAndGet();
              } else {
                ctx.stats().stale.incrementAndGet();
              }
            });
  }

  /** Records the completion (unless an earlier run did) and settles the item of a task. */
  private CompletableFuture<Void> complete(String item, Task task, HeldLock lock, boolean record) {
    return steps
        .complete(item, task, lock.hold, record)
        .thenAccept(
            completed -> {
              if (completed.unlocked()) {
                lock.releasedElsewhere();
              }
              if (completed.settled()) {
                ctx.stats().completed.incrementAndGet();
              } else {
                ctx.stats().stale.incrementAndGet();
                log.warn(
                    "task {} finished after it was given to another worker; that worker settles"
                        + " it",
                    task.id());
              }
            });
  }

  private CompletableFuture<Void> finish(Task task, String status, String error) {
    return ctx.retry()
        .untilDone(
            () -> "recording the end of task " + task.id(),
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
            () -> "dead-lettering a task of " + queue.type(), () -> queue.bury(item, entry, failed))
        .thenApply(ignored -> null);
  }

  private CompletableFuture<Void> dropDuplicate(String item, Task task, String why) {
    ctx.stats().duplicates.incrementAndGet();
    log.info("task {} is a duplicate queue item ({}); dropped without running", task.id(), why);
    return ctx.retry()
        .untilDone(
            () -> "dropping a duplicate of task " + task.id(), () -> queue.dropDuplicate(item))
        .thenApply(ignored -> null);
  }

  /** The lock a run holds: released once, however many paths ask, never failing the run. */
  private final class HeldLock {
    private final TaskLocks.Lock hold;
    private CompletableFuture<Void> released;

    HeldLock(TaskLocks.Lock hold) {
      this.hold = hold;
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
            ctx.locks()
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
}
