package io.docfleet.api.redismonitor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The last reading, read again once it is {@code maxAge} old: scrapes that come together (two
 * Prometheus servers, a dashboard, a person with curl) cost Redis one reading. A reading that
 * failed is not kept.
 */
public final class CachedReading<T> {
  private final Supplier<T> reader;
  private final Clock clock;
  private final Duration maxAge;
  private T last;
  private Instant readAt = Instant.MIN;

  public CachedReading(Supplier<T> reader, Clock clock, Duration maxAge) {
    this.reader = reader;
    this.clock = clock;
    this.maxAge = maxAge;
  }

  public synchronized T get() {
    Instant now = clock.instant();
    boolean fresh = last != null && !now.isBefore(readAt) && now.isBefore(readAt.plus(maxAge));
    if (!fresh) {
      last = reader.get();
      readAt = now;
    }
    return last;
  }
}
