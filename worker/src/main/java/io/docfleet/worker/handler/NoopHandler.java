package io.docfleet.worker.handler;

import io.docfleet.task.Task;

/** The {@code noop} type: succeeds at once; for diagnostics and queue benchmarks. */
final class NoopHandler implements TaskHandler {
  @Override
  public TaskOutcome handle(Task task) {
    return TaskOutcome.succeeded();
  }

  @Override
  public boolean runsInline() {
    return true;
  }
}
