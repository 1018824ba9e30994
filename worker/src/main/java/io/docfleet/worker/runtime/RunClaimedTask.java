package io.docfleet.worker.runtime;

import io.docfleet.queue.BeginResult;
import io.docfleet.task.MalformedTaskException;
import io.docfleet.task.Task;
import io.docfleet.worker.handler.NextStep;
import io.docfleet.worker.handler.RetryPolicy;
import io.docfleet.worker.handler.TaskHandler;
import io.docfleet.worker.handler.TaskOutcome;
import io.docfleet.worker.lock.TaskLocks;
import io.docfleet.worker.queue.WorkerQueue;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one claimed queue item to its end: decode, begin the run (take the task's lock and record
 * the start; a task whose lock another run holds, or that already completed, is a duplicate), run
 * the handler (on the type's pool, or in place when it {@linkplain TaskHandler#runsInline runs
 * inline}), let the type's {@link RetryPolicy} decide what comes next, end the run that way ({@link
 * EndRun}), unlock. An item that is not a task, or names a type this queue does not serve, goes to
 * the dead-letter list with the reason. A run that the drain cuts short stays in flight, for the
 * drain to return.
 *
 * <p>Beginning and completing are {@link RunSteps}: one script call each, shared by many runs, on a
 * single Redis; separate calls in a crash-safe order on a cluster.
 */
final class RunClaimedTask {
  private static final Logger log = LoggerFactory.getLogger(RunClaimedTask.class);

  private final WorkerContext worker;
  private final WorkerQueue queue;
  private final ExecutorService pool;
  private final RunSteps steps;
  private final EndRun end;
  private final RetryPolicy policy;
  private final RunningItems running = new RunningItems();

  RunClaimedTask(WorkerContext worker, WorkerQueue queue, ExecutorService pool) {
    this.worker = worker;
    this.queue = queue;
    this.pool = pool;
    this.steps = RunSteps.forQueue(worker, queue);
    this.end = new EndRun(worker, queue, steps);
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
      task = worker.fleet().codec().decode(item);
    } catch (MalformedTaskException e) {
      return end.deadLetterItem(item, null, "malformed task: " + e.getMessage(), 0, false);
    }
    TaskHandler handler = worker.handlers().find(task.type()).orElse(null);
    if (handler == null || !task.type().equals(queue.type())) {
      String reason =
          "no handler for task type '" + task.type() + "' on the queue of '" + queue.type() + "'";
      return end.deadLetterItem(item, task.id(), reason, task.attempt(), false);
    }
    TaskLocks.Lock taskLock = worker.locks().newLock(task.id());
    return steps
        .begin(task, taskLock)
        .thenCompose(
            begun -> {
              if (!begun.holdsLock()) {
                return end.dropDuplicate(item, task, "another worker is running it");
              }
              RunLock lock = new RunLock(worker.locks(), taskLock);
              return afterBegin(item, task, handler, lock, begun)
                  .whenComplete((ignored, error) -> lock.release());
            });
  }

  /** What a begin that took the lock leads to: a run, a completion without a run, or a drop. */
  private CompletableFuture<Void> afterBegin(
      String item, Task task, TaskHandler handler, RunLock lock, BeginResult begun) {
    if (begun instanceof BeginResult.Started started) {
      return runLocked(item, task, handler, lock, started.attempt());
    }
    if (begun instanceof BeginResult.CompletedStillInFlight) {
      log.info(
          "task {} completed on a worker that stopped before its item left the in-flight list;"
              + " completed now, without running it again",
          task.id());
      return end.complete(item, task, lock, false);
    }
    if (begun instanceof BeginResult.AlreadyCompleted) {
      return end.dropDuplicate(item, task, "it already completed");
    }
    throw new IllegalStateException("a begin that took the lock cannot end as " + begun);
  }

  private CompletableFuture<Void> runLocked(
      String item, Task task, TaskHandler handler, RunLock lock, int attempt) {
    Optional<NextStep.DeadLetter> exhausted = policy.beforeRun(task, attempt);
    if (exhausted.isPresent()) {
      NextStep.DeadLetter dead = exhausted.get();
      return tellGaveUp(handler, task, dead.reason())
          .thenCompose(ignored -> end.deadLetter(item, task, dead));
    }
    EndRun.Attempt ran = new EndRun.Attempt(item, task, attempt, policy.attemptsAllowed(task));
    CompletableFuture<NextStep> next =
        handler.runsInline()
            ? CompletableFuture.completedFuture(runHandler(handler, task, attempt))
            : CompletableFuture.supplyAsync(() -> runHandler(handler, task, attempt), pool);
    return next.thenCompose(
        step -> cutShortByDrain(step) ? leaveForDrain(task) : end.follow(ran, step, lock));
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
    return thrown == null
        ? policy.afterReturn(task, attempt, outcome)
        : policy.afterThrow(task, attempt, thrown);
  }
}
