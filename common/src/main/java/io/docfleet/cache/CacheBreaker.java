package io.docfleet.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops asking a cache Redis that keeps failing: after {@value #FAILURES_TO_OPEN} failures in a
 * row, cache calls are skipped for {@link #OPEN_FOR}, so callers pay nothing for a dead cache but
 * their own computation; then calls try again, and the first success closes the breaker.
 */
final class CacheBreaker {
  static final int FAILURES_TO_OPEN = 3;
  static final Duration OPEN_FOR = Duration.ofSeconds(5);
  private static final Logger log = LoggerFactory.getLogger(CacheBreaker.class);

  private final Clock clock;
  private final AtomicInteger failures = new AtomicInteger();
  private volatile Instant openUntil = Instant.MIN;

  CacheBreaker(Clock clock) {
    this.clock = clock;
  }

  /** False while the breaker is open: skip the cache. */
  boolean allows() {
    return !clock.instant().isBefore(openUntil);
  }

  void succeeded() {
    if (failures.getAndSet(0) >= FAILURES_TO_OPEN) {
      log.info("the cache answers again; cache reads and writes resume");
    }
  }

  void failed(Throwable cause) {
    int count = failures.incrementAndGet();
    if (count >= FAILURES_TO_OPEN) {
      openUntil = clock.instant().plus(OPEN_FOR);
      if (count == FAILURES_TO_OPEN) {
        log.warn(
            "the cache failed {} times in a row (last: {}); callers compute without it and it is"
                + " tried again every {} s",
            count,
            cause.toString(),
            OPEN_FOR.toSeconds());
      }
    }
  }
}
