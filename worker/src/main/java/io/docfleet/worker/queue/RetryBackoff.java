package io.docfleet.worker.queue;

import java.time.Duration;

/**
 * Exponential backoff with jitter: attempt {@code n} waits between half and all of {@code base *
 * 2^(n-1)}, capped at {@code max}. The jitter spreads retries of tasks that failed together.
 */
public record RetryBackoff(Duration base, Duration max) {

  /** The delay after the given failed attempt (1 for the first), for a random draw in [0, 1). */
  public Duration delayAfter(int attempt, double random) {
    int exponent = Math.min(Math.max(attempt, 1) - 1, 40);
    long ceiling = base.toMillis() * (1L << Math.min(exponent, 30));
    if (exponent > 30 || ceiling <= 0 || ceiling > max.toMillis()) {
      ceiling = max.toMillis();
    }
    long half = ceiling / 2;
    return Duration.ofMillis(half + (long) ((ceiling - half) * random));
  }
}
