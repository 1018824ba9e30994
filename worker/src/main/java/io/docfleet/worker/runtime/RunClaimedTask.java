package io.docfleet.worker.runtime;

import io.docfleet.queue.BeginResult;
import io.docfleet.task.MalformedTaskException;
import io.docfleet.task.Task;
import io.docfleet.worker.handler.NextStep;
import io.docfleet.worker.handler.RetryPolicy;
import io.docfleet.worker.handler.TaskHandler;
import io.docfleet.worker.handler.TaskOutcome;
import io.docfleet.worker.queue.ClaimedItem;
import io.docfleet.worker.queue.WorkerQueue;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one claimed queue item to its end. Its claim already began its run (took the task's run lock
 * and recorded the start, or dropped it as a duplicate: {@link BeginResult}); here it is decoded,
 * its handler runs (on the type's pool, or in place when it {@linkplain TaskHandler#runsInline runs
 * inline}), the type's {@link RetryPolicy} decides what comes next, and {@link EndRun} ends the run
 * that way, releasing the lock in the same step. An item that is not a task, or names a type this
 * queue does not serve, goes to the dead-letter list with the reason. A run that the drain cuts
 * short stays in flight, for the drain to return.
 */
final class RunClaimedTask {
  private static final Logger log = LoggerFactory.getLogger(RunClaimedTask.class);

  private final WorkerContext worker;
  private final WorkerQueue queue;
  private final ExecutorService pool;
  private final EndRun end;
  private final RetryPolicy policy;
  private final RunningItems running = new RunningItems();

  RunClaimedTask(WorkerContext worker, WorkerQueue queue, ExecutorService pool) {
    this.worker = worker;
    this.queue = queue;
    this.pool = pool;
    this.end = new EndRun(worker, queue);
    RetryPolicy standard =
        RetryPolicy.standard(
            worker.queueSettings().maxAttempts(), worker.backoff(), worker.fleet().clock());
    this.policy =
        worker.handlers().find(queue.type()).map(h -> h.retryPolicy(standard)).orElse(standard);
  }

  /** The items whose runs are under way, from {@link #run} until the run ended. */
  RunningItems running() {
    return running;
  }

  /** Counts and logs an item its claim dropped as a duplicate: nothing is left to do for it. */
  void dropped(ClaimedItem claimed) {
    end.droppedDuplicate(claimed);
  }

  /**
   * Runs a claimed item that was not dropped. Its run lock is renewed until its end releases it; a
   * run that stops without an end (an error the JVM cannot recover from) leaves the item in flight
   * for the orphan sweep, which releases the lock. {@code handled} runs once the handler has ended
   * and its end is about to be written (not at all when no handler ran).
   */
  CompletableFuture<Void> run(ClaimedItem claimed, Runnable handled) {
    running.add(claimed.item());
    if (claimed.locked()) {
      worker.locks().track(List.of(claimed.lock()));
    }
    CompletableFuture<Void> run;
    try {
      run = start(claimed, handled);
    } catch (RuntimeException e) {
      run = CompletableFuture.failedFuture(e);
    }
    return run.whenComplete(
        (ignored, error) -> {
          running.remove(claimed.item());
          if (error != null && claimed.locked()) {
            worker.locks().untrack(claimed.lock());
          }
        });
  }

  private CompletableFuture<Void> start(ClaimedItem claimed, Runnable handled) {
    Task task;
    try {
      task = worker.fleet().codec().decode(claimed.item());
    } catch (MalformedTaskException e) {
      return end.deadLetterItem(claimed, null, "malformed task: " + e.getMessage(), 0, false);
    }
    if (!(claimed.begun() instanceof BeginResult.Started started)) {
      return end.deadLetterItem(
          claimed, task.id(), "malformed task: its id cannot be read", task.attempt(), false);
    }
    if (!task.id().equals(claimed.taskId())) {
      return end.deadLetterItem(
          claimed, task.id(), "malformed task: it names more than one id", task.attempt(), false);
    }
    TaskHandler handler = worker.handlers().find(task.type()).orElse(null);
    if (handler == null || !task.type().equals(queue.type())) {
      String reason =
          "no handler for task type '" + task.type() + "' on the queue of '" + queue.type() + "'";
      return end.deadLetterItem(claimed, task.id(), reason, task.attempt(), false);
    }
    return runLocked(claimed, task, handler, started.attempt(), handled);
  }

  private CompletableFuture<Void> runLocked(
      ClaimedItem claimed, Task task, TaskHandler handler, int attempt, Runnable handled) {
    Optional<NextStep.DeadLetter> exhausted = policy.beforeRun(task, attempt);
    if (exhausted.isPresent()) {
      NextStep.DeadLetter dead = exhausted.get();
      return tellGaveUp(handler, task, dead.reason())
          .thenCompose(ignored -> end.deadLetter(claimed, task, dead));
    }
    EndRun.Attempt ran = new EndRun.Attempt(claimed, task, attempt, policy.attemptsAllowed(task));
    CompletableFuture<NextStep> next =
        handler.runsInline()
            ? CompletableFuture.completedFuture(runHandler(handler, task, attempt))
            : CompletableFuture.supplyAsync(() -> runHandler(handler, task, attempt), pool);
    return next.thenCompose(
        step -> {
          handled.run();
          return cutShortByDrain(step) ? leaveForDrain(task) : end.follow(ran, step);
        });
  }

  /**
   * True when the drain stopped the pool (its grace ran out) and the run did not succeed: the
   * handler was interrupted, which is no failure of the task, so it is not retried with backoff.
   */
  private boolean cutShortByDrain(NextStep step) {
    return pool.isShutdown() && !(step instanceof NextStep.Complete);
  }

  /** Leaves the item in flight; the drain returns it to the head of its queue. */
  private CompletableFuture<Void> leaveForDrain(Task task) {
    log.info("task {} was cut short by the shutdown; it is returned to its queue", task.id());
    return CompletableFuture.completedFuture(null);
  }

  /**
   * Lets the handler record, on the type's pool, that its task ends dead without another run; never
   * fails or holds up the dead-letter.
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

  /**
   * Runs the handler, records how long it ran (in memory, no Redis command), and asks the policy
   * what comes next. Errors the JVM cannot recover from (out of memory, stack overflow) are not
   * caught: the run fails and its item stays in flight.
   */
  private NextStep runHandler(TaskHandler handler, Task task, int attempt) {
    long start = worker.durations().now();
    TaskOutcome outcome = null;
    Throwable thrown = null;
    try {
      outcome = handler.handle(task);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      thrown = e;
    } catch (Exception | LinkageError | AssertionError e) {
      thrown = e;
    } finally {
      worker.durations().record(task.type(), worker.durations().now() - start);
    }
    NextStep step =
        thrown == null
            ? policy.afterReturn(task, attempt, outcome)
            : policy.afterThrow(task, attempt, thrown);
    if (!cutShortByDrain(step)) {
      tellDecided(handler, task, step);
    }
    return step;
  }

  /** Tells the handler what comes next (on this thread, before the end); never fails the run. */
  private static void tellDecided(TaskHandler handler, Task task, NextStep step) {
    try {
      handler.decided(task, step);
    } catch (RuntimeException | LinkageError e) {
      log.warn("handler of task {} could not record its attempt: {}", task.id(), e.toString());
    }
  }
}
