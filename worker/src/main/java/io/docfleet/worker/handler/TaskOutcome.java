package io.docfleet.worker.handler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** How one attempt of a task ended. */
public sealed interface TaskOutcome {

  /** Done: the task is completed and never runs again. */
  record Succeeded() implements TaskOutcome {}

  /** Failed in a way that may pass later: retried with backoff until the attempts run out. */
  record RetryLater(String reason) implements TaskOutcome {}

  /** Failed for good: the task goes to the dead-letter list with the reason. */
  record Failed(String reason) implements TaskOutcome {}

  /**
   * Not done, and no failure: the task waits on something outside (a provider's job, a rate limit)
   * and runs again after {@code delay}. It goes to the delayed set with its attempts unchanged, so
   * waiting never uses up a retry; {@code payload}, when present, replaces the task's payload for
   * the next run (what this run learned, such as a job id).
   */
  record PollLater(Duration delay, String reason, Optional<ObjectNode> payload)
      implements TaskOutcome {
    public PollLater {
      Objects.requireNonNull(delay, "delay");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(payload, "payload");
      if (delay.isNegative()) {
        throw new IllegalArgumentException("a poll delay cannot be negative: " + delay);
      }
    }
  }

  static TaskOutcome succeeded() {
    return new Succeeded();
  }

  /** Runs again after {@code delay} with the same payload, without counting an attempt. */
  static PollLater pollLater(Duration delay, String reason) {
    return new PollLater(delay, reason, Optional.empty());
  }

  /** Runs again after {@code delay} with {@code payload}, without counting an attempt. */
  static PollLater pollLater(Duration delay, String reason, ObjectNode payload) {
    return new PollLater(delay, reason, Optional.of(payload));
  }
}
