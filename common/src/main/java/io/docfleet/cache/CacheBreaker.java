package io.docfleet.cache;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops asking a cache Redis that keeps failing: after {@value #FAILURES_TO_OPEN} failures in a
 * row, cache calls are skipped for {@link #OPEN_FOR}, so callers pay nothing for a dead cache but
 * their own computation; then calls try again, and the first success closes the breaker. Its
 * meters: {@code docfleet_cache_breaker_open} (1 while open) and {@code
 * docfleet_cache_breaker_openings_total} (each opening, a failed retry's too), the second for
 * alerts, since a scrape can fall between two short openings.
 */
final class CacheBreaker implements MeterBinder {
  static final int FAILURES_TO_OPEN = 3;
  static final Duration OPEN_FOR = Duration.ofSeconds(5);
  private static final Logger log = LoggerFactory.getLogger(CacheBreaker.class);

  private final Clock clock;
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicLong openings = new AtomicLong();
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
      openings.incrementAndGet();
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

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("docfleet.cache.breaker.open", this, breaker -> breaker.allows() ? 0 : 1)
        .description("1 while the provider cache's breaker is open: cache calls are skipped")
        .strongReference(true)
        .register(registry);
    FunctionCounter.builder("docfleet.cache.breaker.openings", openings, AtomicLong::get)
        .description("Times the provider cache's breaker opened after failed cache calls")
        .register(registry);
  }
}
