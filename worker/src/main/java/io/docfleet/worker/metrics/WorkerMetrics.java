package io.docfleet.worker.metrics;

import io.docfleet.metrics.FleetSeries;
import io.docfleet.metrics.HistogramCounts;
import io.docfleet.metrics.HistogramDelta;
import io.docfleet.metrics.JvmMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One worker process's meters, served at its {@code /metrics}: task run times ({@link
 * TaskDurations}), provider calls ({@link ProviderLatencies}), the worker's counters (bound by the
 * worker) and, from {@code WorkerMain}, the JVM's. It also holds the fixed-bucket counts that
 * {@link FleetMetricsPublisher} adds to the fleet's histograms.
 *
 * <p>Lifecycle: create; record; {@link #close} after the worker drained.
 */
public final class WorkerMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<FleetSeries, HistogramCounts> fleet = new ConcurrentHashMap<>();
  private final TaskDurations tasks = new TaskDurations(registry, fleet);
  private final ProviderLatencies providers = new ProviderLatencies(registry, fleet);
  private final Optional<JvmMeters> jvm;

  private WorkerMetrics(boolean bindJvm) {
    this.jvm = bindJvm ? Optional.of(JvmMeters.bindTo(registry)) : Optional.empty();
  }

  /** The worker's meters without the JVM's (for workers that share a JVM, as in tests). */
  public static WorkerMetrics create() {
    return new WorkerMetrics(false);
  }

  /** The worker's meters and the JVM's: one worker process. */
  public static WorkerMetrics withJvm() {
    return new WorkerMetrics(true);
  }

  public TaskDurations tasks() {
    return tasks;
  }

  public ProviderLatencies providers() {
    return providers;
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Every meter in the Prometheus text format. */
  public String scrape() {
    return registry.scrape();
  }

  /** What every fleet series counted since the last take. */
  Map<FleetSeries, HistogramDelta> takeDeltas() {
    Map<FleetSeries, HistogramDelta> deltas = new HashMap<>();
    fleet.forEach(
        (series, counts) -> {
          HistogramDelta delta = counts.takeDelta();
          if (!delta.isEmpty()) {
            deltas.put(series, delta);
          }
        });
    return deltas;
  }

  /** Adds back deltas that Redis did not take. */
  void addBack(Map<FleetSeries, HistogramDelta> deltas) {
    deltas.forEach(
        (series, delta) ->
            fleet.computeIfAbsent(series, s -> new HistogramCounts()).addBack(delta));
  }

  @Override
  public void close() {
    jvm.ifPresent(JvmMeters::close);
    registry.close();
  }
}
