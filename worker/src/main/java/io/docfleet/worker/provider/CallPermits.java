package io.docfleet.worker.provider;

import java.time.Duration;
import java.util.Optional;

/**
 * Asks the fleet-wide rate limit before a provider call: empty when the call may go now, else about
 * how long to wait before asking again. The seam between an engine and {@code ProviderRateLimits}.
 */
@FunctionalInterface
public interface CallPermits {

  Optional<Duration> take(String operation);

  /** Every call goes: no limit configured. */
  static CallPermits unlimited() {
    return operation -> Optional.empty();
  }
}
