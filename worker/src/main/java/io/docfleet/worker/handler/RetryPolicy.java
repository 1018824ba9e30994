package io.docfleet.worker.handler;

import io.docfleet.task.Task;
import io.docfleet.worker.queue.RetryBackoff;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Decides what happens to a task after an attempt ({@link NextStep}): complete it, run it again
 * later (a failure, with backoff, while attempts are left), look again later (no failure, no
 * attempt used), or dead-letter it. A pure function of the handler's outcome or exception, the
 * attempt's number, the task's limit, the backoff, the clock and a random draw for the jitter.
 *
 * <p>The worker builds the {@link #standard} policy from {@code TASK_MAX_ATTEMPTS} and {@code
 * RETRY_BACKOFF_BASE} / {@code _MAX}; a task type may adjust it through {@link
 * TaskHandler#retryPolicy}, e.g. {@code standard.maxAttempts(3).withBackoff(backoff)}. A task's own
 * {@code maxAttempts} wins over the policy's.
 */
public final class RetryPolicy {
  private final int maxAttempts;
  private final RetryBackoff backoff;
  private final Clock clock;
  private final DoubleSupplier random;

  private RetryPolicy(int maxAttempts, RetryBackoff backoff, Clock clock, DoubleSupplier random) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("a task takes at least 1 attempt, not " + maxAttempts);
    }
    this.maxAttempts = maxAttempts;
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** Up to {@code maxAttempts} attempts, retried after {@code backoff}'s jittered delays. */
  public static RetryPolicy standard(int maxAttempts, RetryBackoff backoff, Clock clock) {
    return new RetryPolicy(
        maxAttempts, backoff, clock, () -> ThreadLocalRandom.current().nextDouble());
  }

  /**
   * The same policy, with up to {@code attempts} attempts for a task without a limit of its own.
   */
  public RetryPolicy maxAttempts(int attempts) {
    return new RetryPolicy(attempts, backoff, clock, random);
  }

  /** The same policy, where a failed attempt is the last unless the task allows more itself. */
  public RetryPolicy withoutRetries() {
    return maxAttempts(1);
  }

  /** The same policy, waiting {@code delays} between failed attempts. */
  public RetryPolicy withBackoff(RetryBackoff delays) {
    return new RetryPolicy(maxAttempts, delays, clock, random);
  }

  /** The same policy, drawing the jitter of its delays from {@code draws} (each in [0, 1)). */
  public RetryPolicy withRandom(DoubleSupplier draws) {
    return new RetryPolicy(maxAttempts, backoff, clock, draws);
  }

  /** The attempts {@code task} may take: its own limit, else this policy's. */
  public int attemptsAllowed(Task task) {
    return task.attemptsAllowed(maxAttempts);
  }

  /**
   * Before attempt {@code attempt} runs: a dead-letter when the attempts ran out already (workers
   * stopped while running it, or it kept failing), counting the attempts made; else empty.
   */
  public Optional<NextStep.DeadLetter> beforeRun(Task task, int attempt) {
    if (attempt <= attemptsAllowed(task)) {
      return Optional.empty();
    }
    int made = attempt - 1;
    String reason =
        "gave up after "
            + made
            + " attempts (a worker stopped while running it, or it kept failing)";
    return Optional.of(new NextStep.DeadLetter(reason, made));
  }

  /** After attempt {@code attempt} returned {@code outcome} (null counts as a failure). */
  public NextStep afterReturn(Task task, int attempt, TaskOutcome outcome) {
    if (outcome instanceof TaskOutcome.Succeeded) {
      return new NextStep.Complete();
    }
    if (outcome instanceof TaskOutcome.PollLater poll) {
      return new NextStep.PollAt(
          clock.instant().plus(poll.delay()), poll.delay(), poll.reason(), poll.payload());
    }
    if (outcome instanceof TaskOutcome.Failed failed) {
      return failedForGood(attempt, failed.reason());
    }
    if (outcome instanceof TaskOutcome.RetryLater retry) {
      return failed(task, attempt, retry.reason());
    }
    return failed(task, attempt, "handler returned no outcome");
  }

  /**
   * After attempt {@code attempt} threw {@code thrown}: a {@link PermanentTaskException} fails the
   * task for good; anything else (an interruption, a bug, a missing class) is a failed attempt.
   */
  public NextStep afterThrow(Task task, int attempt, Throwable thrown) {
    if (thrown instanceof PermanentTaskException) {
      return new NextStep.DeadLetter(
          "failed permanently: " + thrown.getMessage(), attempt, StackSummary.of(thrown));
    }
    if (thrown instanceof InterruptedException) {
      return failed(task, attempt, "interrupted while the worker stopped", null);
    }
    return failed(
        task,
        attempt,
        thrown.getClass().getSimpleName() + ": " + thrown.getMessage(),
        StackSummary.of(thrown));
  }

  private static NextStep failedForGood(int attempt, String reason) {
    return new NextStep.DeadLetter("failed permanently: " + reason, attempt);
  }

  private NextStep failed(Task task, int attempt, String reason) {
    return failed(task, attempt, reason, null);
  }

  private NextStep failed(Task task, int attempt, String reason, String trace) {
    int allowed = attemptsAllowed(task);
    if (attempt >= allowed) {
      String why = "failed " + attempt + " of " + allowed + " attempts, last: " + reason;
      return new NextStep.DeadLetter(why, attempt, trace);
    }
    Duration delay = backoff.delayAfter(attempt, random.getAsDouble());
    return new NextStep.RetryAt(clock.instant().plus(delay), delay, reason, trace);
  }
}
