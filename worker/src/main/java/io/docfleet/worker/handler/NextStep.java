package io.docfleet.worker.handler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** What happens to a task after one attempt, as its {@link RetryPolicy} decides. */
public sealed interface NextStep {

  /** Done: the completion is recorded and the task never runs again. */
  record Complete() implements NextStep {}

  /**
   * The attempt failed and counts: the task runs again at {@code at} ({@code delay} after the
   * decision), and its record keeps {@code reason} as the last error and {@code trace} (a {@link
   * StackSummary}, null when the handler did not throw) as its error trace.
   */
  record RetryAt(Instant at, Duration delay, String reason, String trace) implements NextStep {
    public RetryAt(Instant at, Duration delay, String reason) {
      this(at, delay, reason, null);
    }
  }

  /**
   * No failure: the task waits on something outside and runs again at {@code at} ({@code delay}
   * after the decision) with its attempt not counted; {@code payload}, when present, replaces its
   * payload for the next run.
   */
  record PollAt(Instant at, Duration delay, String reason, Optional<ObjectNode> payload)
      implements NextStep {}

  /**
   * The task goes to the dead-letter list with {@code reason}, after {@code attempts} attempts;
   * {@code trace} as for {@link RetryAt}.
   */
  record DeadLetter(String reason, int attempts, String trace) implements NextStep {
    public DeadLetter(String reason, int attempts) {
      this(reason, attempts, null);
    }
  }
}
