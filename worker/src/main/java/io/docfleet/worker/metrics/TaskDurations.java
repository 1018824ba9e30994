package io.docfleet.worker.metrics;

import io.docfleet.metrics.DurationBuckets;
import io.docfleet.metrics.FleetSeries;
import io.docfleet.metrics.HistogramCounts;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * How long each handler run took, by task type: a timer of the worker's own ({@code
 * docfleet_worker_task_duration_seconds}) and the counts its flushes add to the fleet's histogram.
 * Recording touches memory only.
 */
public final class TaskDurations {
  private final MeterRegistry registry;
  private final Map<String, Recorders> byType = new ConcurrentHashMap<>();
  private final Map<FleetSeries, HistogramCounts> fleet;

  /** Where a run of one type is counted: looked up once per type, not built per run. */
  private record Recorders(Timer timer, HistogramCounts fleet) {}

  TaskDurations(MeterRegistry registry, Map<FleetSeries, HistogramCounts> fleet) {
    this.registry = registry;
    this.fleet = fleet;
  }

  /** Counts one run of a task of {@code type} that took {@code nanos}. */
  public void record(String type, long nanos) {
    Recorders recorders = byType.computeIfAbsent(type, this::recorders);
    recorders.timer().record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    recorders.fleet().record(nanos, false);
  }

  /** The time source runs are measured with (monotonic nanoseconds). */
  public long now() {
    return registry.config().clock().monotonicTime();
  }

  private Recorders recorders(String type) {
    return new Recorders(
        timer(type),
        fleet.computeIfAbsent(FleetSeries.taskDuration(type), series -> new HistogramCounts()));
  }

  private Timer timer(String type) {
    return Timer.builder("docfleet.worker.task.duration")
        .description("How long this worker's handlers ran tasks, by task type")
        .tag("type", type)
        .serviceLevelObjectives(DurationBuckets.durations())
        .register(registry);
  }
}
