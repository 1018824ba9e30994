package io.docfleet.api.metrics;

import io.docfleet.cache.CacheMetricsSnapshot;
import io.docfleet.coordination.WorkerInfo;
import io.docfleet.metrics.FleetHistograms;
import io.docfleet.metrics.FleetSeries;
import io.docfleet.queue.QueueCounter;
import io.docfleet.queue.QueueStats;
import io.docfleet.task.Priority;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * A {@link FleetReading} as Prometheus metric families: queue gauges (the workers serving each
 * queue among them) and counters by {@code type}, the fleet's duration histograms, cache counters
 * by {@code cache}, heartbeat ages by {@code worker}, and workers by {@code status}. Every family
 * is named {@code docfleet_*}.
 */
final class FleetSnapshots {
  /**
   * The names two counters were exported under before they took their counter's wire name; still
   * exported, the same values, for one release.
   */
  static final Map<QueueCounter, String> DEPRECATED_TASK_COUNTERS =
      Map.of(
          QueueCounter.RETURNED, "docfleet_tasks_recovered",
          QueueCounter.RETURNED_ON_SHUTDOWN, "docfleet_tasks_requeued_on_shutdown");

  private FleetSnapshots() {}

  static List<MetricSnapshot> of(FleetReading reading) {
    List<MetricSnapshot> families = new ArrayList<>();
    List<QueueStats> queues = reading.queues().stream().map(FleetReading.Queue::stats).toList();
    families.add(gauge("docfleet_queue_ready", "Ready tasks", queues, QueueStats::ready));
    families.add(laneGauge(queues));
    families.add(gauge("docfleet_queue_in_flight", "Tasks held", queues, QueueStats::inFlight));
    families.add(gauge("docfleet_queue_delayed", "Tasks due later", queues, QueueStats::delayed));
    families.add(gauge("docfleet_queue_dead", "Dead letters", queues, QueueStats::dead));
    families.add(
        gauge(
            "docfleet_queue_workers",
            "Live workers (active or draining) that serve the type",
            queues,
            stats -> reading.workers().stream().filter(w -> w.serves(stats.type())).count()));
    GaugeSnapshot.Builder age =
        GaugeSnapshot.builder()
            .name("docfleet_queue_oldest_ready_age_seconds")
            .help("Age of the oldest ready task (0 when none is ready)");
    for (FleetReading.Queue queue : reading.queues()) {
      queue
          .oldestReadyAge()
          .ifPresent(a -> age.dataPoint(point(type(queue.stats()), a.toMillis() / 1000.0)));
    }
    families.add(age.build());
    families.addAll(GroupGauges.of(reading.queues()));
    for (QueueCounter field : QueueCounter.values()) {
      families.add(
          counter(
              taskCounterName(field),
              "Counter '" + field.wireName() + "' of {tasks:<type>}:stats",
              queues,
              stats -> stats.counter(field)));
    }
    new TreeMap<>(DEPRECATED_TASK_COUNTERS)
        .forEach(
            (field, name) ->
                families.add(
                    counter(
                        name,
                        "Deprecated, use "
                            + taskCounterName(field)
                            + "_total (removed in the next release)",
                        queues,
                        stats -> stats.counter(field))));
    families.addAll(histograms(reading.histograms()));
    families.addAll(caches(reading.caches()));
    families.addAll(workers(reading.workers()));
    return families;
  }

  /** {@code docfleet_tasks_<wire name>}: Prometheus' text adds {@code _total}. */
  private static String taskCounterName(QueueCounter counter) {
    return "docfleet_tasks_" + counter.wireName();
  }

  private static List<MetricSnapshot> histograms(List<FleetHistograms.Reading> readings) {
    HistogramSnapshot.Builder tasks =
        HistogramSnapshot.builder()
            .name("docfleet_task_duration_seconds")
            .help("How long handlers ran tasks, over the whole fleet, by task type");
    HistogramSnapshot.Builder calls =
        HistogramSnapshot.builder()
            .name("docfleet_provider_call_duration_seconds")
            .help("How long provider calls took, over the whole fleet, failed ones included");
    CounterSnapshot.Builder errors =
        CounterSnapshot.builder()
            .name("docfleet_provider_call_errors")
            .help("Provider calls that ended in an error, over the whole fleet");
    for (FleetHistograms.Reading reading : readings) {
      TreeMap<String, String> named = new TreeMap<>(reading.series().labels());
      Labels labels = Labels.of(new ArrayList<>(named.keySet()), new ArrayList<>(named.values()));
      HistogramDataPointSnapshot point =
          HistogramDataPointSnapshot.builder()
              .labels(labels)
              .classicHistogramBuckets(buckets(reading))
              .sum(reading.sumSeconds())
              .build();
      if (reading.series().kind() == FleetSeries.Kind.TASK_DURATION) {
        tasks.dataPoint(point);
      } else {
        calls.dataPoint(point);
        errors.dataPoint(
            CounterDataPointSnapshot.builder().labels(labels).value(reading.errors()).build());
      }
    }
    return List.of(tasks.build(), calls.build(), errors.build());
  }

  /** Prometheus' buckets from the hash's cumulative ones; {@code +Inf} holds the rest. */
  private static ClassicHistogramBuckets buckets(FleetHistograms.Reading reading) {
    List<Double> bounds = new ArrayList<>(reading.bounds());
    List<Number> counts = new ArrayList<>();
    long below = 0;
    for (long cumulative : reading.cumulative()) {
      counts.add(Math.max(0, cumulative - below));
      below = Math.max(below, cumulative);
    }
    bounds.add(Double.POSITIVE_INFINITY);
    counts.add(Math.max(0, reading.count() - below));
    return ClassicHistogramBuckets.of(bounds, counts);
  }

  private static List<MetricSnapshot> caches(List<CacheMetricsSnapshot> caches) {
    return List.of(
        cacheCounter("hits", "Provider cache lookups answered", caches, s -> s.hits()),
        cacheCounter("misses", "Provider cache lookups computed", caches, s -> s.misses()),
        cacheCounter("errors", "Provider cache calls that failed", caches, s -> s.errors()),
        cacheCounter("timeouts", "Provider cache calls that timed out", caches, s -> s.timeouts()),
        cacheCounter(
            "lock_timeouts",
            "Waits for another computation that ran out",
            caches,
            s -> s.lockTimeouts()));
  }

  private static List<MetricSnapshot> workers(List<WorkerInfo> workers) {
    GaugeSnapshot.Builder ages =
        GaugeSnapshot.builder()
            .name("docfleet_worker_heartbeat_age_seconds")
            .help("Time since each registered worker's last heartbeat");
    Map<String, Integer> byStatus =
        new TreeMap<>(Map.of("active", 0, "draining", 0, WorkerInfo.LOST, 0));
    for (WorkerInfo worker : workers) {
      byStatus.merge(worker.status(), 1, Integer::sum);
      worker
          .heartbeatAge()
          .ifPresent(
              age ->
                  ages.dataPoint(point(Labels.of("worker", worker.id()), age.toMillis() / 1000.0)));
    }
    GaugeSnapshot.Builder statuses =
        GaugeSnapshot.builder()
            .name("docfleet_workers")
            .help("Registered workers by status (lost: heartbeat lapsed, not yet reaped)");
    byStatus.forEach(
        (status, count) -> statuses.dataPoint(point(Labels.of("status", status), count)));
    return List.of(ages.build(), statuses.build());
  }

  private static GaugeSnapshot gauge(
      String name, String help, List<QueueStats> queues, ToDoubleFunction<QueueStats> value) {
    GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(help + ", by task type");
    queues.forEach(stats -> gauge.dataPoint(point(type(stats), value.applyAsDouble(stats))));
    return gauge.build();
  }

  /** {@code docfleet_queue_lane_ready{type,lane}}: each lane's part of docfleet_queue_ready. */
  private static GaugeSnapshot laneGauge(List<QueueStats> queues) {
    GaugeSnapshot.Builder gauge =
        GaugeSnapshot.builder()
            .name("docfleet_queue_lane_ready")
            .help("Ready tasks by task type and priority lane (high, normal, low)");
    for (QueueStats stats : queues) {
      for (Priority lane : Priority.values()) {
        Labels labels = Labels.of("lane", lane.wireName(), "type", stats.type());
        gauge.dataPoint(point(labels, stats.lanes().of(lane)));
      }
    }
    return gauge.build();
  }

  private static CounterSnapshot counter(
      String name, String help, List<QueueStats> queues, ToDoubleFunction<QueueStats> value) {
    CounterSnapshot.Builder counter = CounterSnapshot.builder().name(name).help(help);
    queues.forEach(
        stats ->
            counter.dataPoint(
                CounterDataPointSnapshot.builder()
                    .labels(type(stats))
                    .value(value.applyAsDouble(stats))
                    .build()));
    return counter.build();
  }

  private static CounterSnapshot cacheCounter(
      String field,
      String help,
      List<CacheMetricsSnapshot> caches,
      ToDoubleFunction<CacheMetricsSnapshot> value) {
    CounterSnapshot.Builder counter =
        CounterSnapshot.builder().name("docfleet_cache_" + field).help(help + ", by cache type");
    caches.forEach(
        s ->
            counter.dataPoint(
                CounterDataPointSnapshot.builder()
                    .labels(Labels.of("cache", s.scope()))
                    .value(value.applyAsDouble(s))
                    .build()));
    return counter.build();
  }

  private static Labels type(QueueStats stats) {
    return Labels.of("type", stats.type());
  }

  private static GaugeDataPointSnapshot point(Labels labels, double value) {
    return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
  }
}
