package io.docfleet.api.dashboard;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps the coordinator's open event streams at {@code COORDINATOR_MAX_STREAMS}, and counts them for
 * {@code /metrics}: {@code docfleet_coordinator_event_streams} (open now) and {@code
 * docfleet_coordinator_event_streams_refused_total}. A stream takes a {@link Slot} as it opens and
 * gives it back once as it closes; a client that went away is noticed at the stream's next write (a
 * snapshot, or the keep-alive within 15 s), so its slot frees by then.
 */
public final class StreamLimit {
  public static final String OPEN_METER = "docfleet.coordinator.event.streams";
  public static final String REFUSED_METER = "docfleet.coordinator.event.streams.refused";

  private final int max;
  private final AtomicInteger open = new AtomicInteger();
  private final Counter refused;

  public StreamLimit(int max, MeterRegistry registry) {
    this.max = max;
    Gauge.builder(OPEN_METER, open, AtomicInteger::get)
        .description("event streams open now (GET /api/v1/events)")
        .strongReference(true)
        .register(registry);
    this.refused =
        Counter.builder(REFUSED_METER)
            .description("event streams refused because COORDINATOR_MAX_STREAMS were open")
            .register(registry);
  }

  /** A slot for a new stream; empty (and counted as refused) while {@link #max} are open. */
  public Optional<Slot> tryOpen() {
    if (open.incrementAndGet() > max) {
      open.decrementAndGet();
      refused.increment();
      return Optional.empty();
    }
    return Optional.of(new Slot());
  }

  public int max() {
    return max;
  }

  /** How many streams hold a slot now. */
  public int open() {
    return open.get();
  }

  /** One open stream's place under the cap. */
  public final class Slot {
    private final AtomicBoolean released = new AtomicBoolean();

    private Slot() {}

    /** Gives the place back; a second call does nothing. */
    public void release() {
      if (released.compareAndSet(false, true)) {
        open.decrementAndGet();
      }
    }
  }
}
