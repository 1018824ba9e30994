package io.docfleet.worker.handler;

import io.docfleet.task.Task;

/**
 * Runs one task type. Return an outcome, or throw: a {@link PermanentTaskException} sends the task
 * to the dead-letter list at once, any other exception is retried with backoff ({@link
 * #retryPolicy}).
 */
@FunctionalInterface
public interface TaskHandler {
  TaskOutcome handle(Task task) throws Exception;

  /**
   * The task goes to the dead-letter list without running again: its attempts ran out on workers
   * that stopped while running it. A handler whose task stands for something else (a document) ends
   * that too; the default does nothing.
   */
  default void gaveUp(Task task, String reason) {}

  /**
   * After an attempt, on the thread that ran it: what its {@link RetryPolicy} decided ({@code
   * next}), before the run's end is written. A handler that counts its own outcomes (the webhook's
   * deliveries per destination) does it here; not told when a drain cut the run short. The default
   * does nothing.
   */
  default void decided(Task task, NextStep next) {}

  /**
   * True for a handler that returns within microseconds and never blocks: it then runs on the
   * thread that recorded the task's start, saving two thread switches per task. Anything that does
   * I/O, sleeps or computes for long must keep the default, so it runs on the type's pool.
   */
  default boolean runsInline() {
    return false;
  }

  /**
   * What happens after an attempt of this type: {@code standard} (the worker's configured attempts
   * and backoff) unless the type adjusts it, e.g. {@code standard.maxAttempts(3)}. Asked once, when
   * the worker starts.
   */
  default RetryPolicy retryPolicy(RetryPolicy standard) {
    return standard;
  }
}
