package io.docfleet.queue;

/** What became of one submitted task. */
public record SubmitResult(String taskId, String type, boolean queued) {

  /** True when the task's idempotency key was already used within its window. */
  public boolean duplicate() {
    return !queued;
  }
}
