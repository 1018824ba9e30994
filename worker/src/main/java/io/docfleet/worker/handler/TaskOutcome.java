package io.docfleet.worker.handler;

/** How one attempt of a task ended. */
public sealed interface TaskOutcome {

  /** Done: the task is completed and never runs again. */
  record Succeeded() implements TaskOutcome {}

  /** Failed in a way that may pass later: retried with backoff until the attempts run out. */
  record RetryLater(String reason) implements TaskOutcome {}

  /** Failed for good: the task goes to the dead-letter list with the reason. */
  record Failed(String reason) implements TaskOutcome {}

  static TaskOutcome succeeded() {
    return new Succeeded();
  }
}
