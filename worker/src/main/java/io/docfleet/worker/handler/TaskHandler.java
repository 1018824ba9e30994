package io.docfleet.worker.handler;

import io.docfleet.queue.Task;

/**
 * Runs one task type. Return an outcome, or throw: a {@link PermanentTaskException} sends the task
 * to the dead-letter list at once, any other exception is retried with backoff.
 */
@FunctionalInterface
public interface TaskHandler {
  TaskOutcome handle(Task task) throws Exception;
}
