package io.docfleet.api.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The last {@link FleetReading}, read again once it is {@code maxAge} old: scrapes that come
 * together (two Prometheus servers, a dashboard, a person with curl) cost Redis one reading. A
 * reading that failed is not kept.
 */
final class CachedReading {
  private final FleetReader reader;
  private final Clock clock;
  private final Duration maxAge;
  private FleetReading last;
  private Instant readAt = Instant.MIN;

  CachedReading(FleetReader reader, Clock clock, Duration maxAge) {
    this.reader = reader;
    this.clock = clock;
    this.maxAge = maxAge;
  }

  synchronized FleetReading get() {
    Instant now = clock.instant();
    boolean fresh = last != null && !now.isBefore(readAt) && now.isBefore(readAt.plus(maxAge));
    if (!fresh) {
      last = reader.read();
      readAt = now;
    }
    return last;
  }
}
