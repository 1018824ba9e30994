package io.docfleet.worker.metrics;

import io.docfleet.metrics.DurationBuckets;
import io.docfleet.metrics.FleetSeries;
import io.docfleet.metrics.HistogramCounts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * How long provider calls took, by provider (the engine: {@code pdfbox}, {@code textract}, {@code
 * openai}...) and operation (the stage: {@code ocr}, {@code entities}, {@code structured}), and how
 * many failed: the worker's own timer and error counter, and the counts its flushes add to the
 * fleet's histogram. Recording touches memory only.
 */
public final class ProviderLatencies {
  private final MeterRegistry registry;
  private final Map<FleetSeries, Meters> meters = new ConcurrentHashMap<>();
  private final Map<FleetSeries, HistogramCounts> fleet;

  ProviderLatencies(MeterRegistry registry, Map<FleetSeries, HistogramCounts> fleet) {
    this.registry = registry;
    this.fleet = fleet;
  }

  /** Latencies that go nowhere: for pipelines assembled without a worker's metrics. */
  public static ProviderLatencies unpublished() {
    return new ProviderLatencies(new SimpleMeterRegistry(), new ConcurrentHashMap<>());
  }

  /** The time source calls are measured with (monotonic nanoseconds). */
  public long now() {
    return registry.config().clock().monotonicTime();
  }

  /** Counts one call that took {@code nanos}; {@code failed} when it ended in an error. */
  public void record(String provider, String operation, long nanos, boolean failed) {
    FleetSeries series = FleetSeries.providerCall(provider, operation);
    Meters own = meters.computeIfAbsent(series, s -> meters(provider, operation));
    own.timer.record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    if (failed) {
      own.errors.increment();
    }
    fleet.computeIfAbsent(series, s -> new HistogramCounts()).record(nanos, failed);
  }

  private Meters meters(String provider, String operation) {
    return new Meters(
        Timer.builder("docfleet.worker.provider.call.duration")
            .description("How long this worker's provider calls took, failed ones included")
            .tags("provider", provider, "operation", operation)
            .serviceLevelObjectives(DurationBuckets.durations())
            .register(registry),
        Counter.builder("docfleet.worker.provider.call.errors")
            .description("This worker's provider calls that ended in an error")
            .tags("provider", provider, "operation", operation)
            .register(registry));
  }

  private record Meters(Timer timer, Counter errors) {}
}
