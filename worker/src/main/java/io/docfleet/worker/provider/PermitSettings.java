package io.docfleet.worker.provider;

import io.docfleet.config.ConfigException;
import io.docfleet.config.Env;
import java.time.Duration;

/**
 * How a call over a rate limit waits: {@code RATE_LIMIT_WAIT} (default 1s; 0 for not at all) in
 * place for a permit, then the task is put off for the permits' spacing, at most {@code
 * RATE_LIMIT_DEFER_MAX} (default 30s), before it asks again.
 */
public record PermitSettings(Duration maxWait, Duration maxDefer) {
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(1);
  public static final Duration DEFAULT_MAX_DEFER = Duration.ofSeconds(30);

  public static PermitSettings defaults() {
    return new PermitSettings(DEFAULT_MAX_WAIT, DEFAULT_MAX_DEFER);
  }

  public static PermitSettings fromEnv(Env env) {
    Duration maxDefer = env.duration("RATE_LIMIT_DEFER_MAX", DEFAULT_MAX_DEFER);
    if (maxDefer.isZero()) {
      throw new ConfigException("RATE_LIMIT_DEFER_MAX", "a duration above 0", "0");
    }
    return new PermitSettings(env.duration("RATE_LIMIT_WAIT", DEFAULT_MAX_WAIT), maxDefer);
  }
}
