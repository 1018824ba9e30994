package io.docfleet.cache;

import java.time.Duration;

/** Whether a provider call may go now, or how long the caller should wait before asking again. */
public sealed interface RateDecision {

  /** Go: a permit was taken. */
  record Go() implements RateDecision {}

  /** Over the limit: wait (or re-schedule the task) for about {@code retryAfter}, never fail. */
  record Wait(Duration retryAfter) implements RateDecision {}

  default boolean mayGo() {
    return this instanceof Go;
  }

  static RateDecision go() {
    return new Go();
  }
}
