package io.docfleet.worker.handler;

import io.docfleet.task.Task;

/**
 * The {@code sleep} type: waits {@code payload.ms} milliseconds (0 to 600000), then succeeds. With
 * {@code payload.fail} set to {@code "retry"} or {@code "permanent"} it fails that way instead,
 * which the demo and the tests use to show retries and the dead-letter list.
 */
final class SleepHandler implements TaskHandler {
  static final long MAX_MS = 600_000;

  @Override
  public TaskOutcome handle(Task task) throws Exception {
    long ms = task.payload().path("ms").asLong(0);
    if (ms < 0 || ms > MAX_MS) {
      throw new PermanentTaskException(
          "payload.ms must be between 0 and " + MAX_MS + ", got " + ms);
    }
    Thread.sleep(ms);
    return switch (task.payload().path("fail").asText("")) {
      case "retry" -> new TaskOutcome.RetryLater("asked to fail (payload.fail=retry)");
      case "permanent" -> new TaskOutcome.Failed("asked to fail (payload.fail=permanent)");
      default -> TaskOutcome.succeeded();
    };
  }
}
