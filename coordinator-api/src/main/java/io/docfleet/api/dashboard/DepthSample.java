package io.docfleet.api.dashboard;

import io.docfleet.api.queues.QueueView;
import io.docfleet.api.workers.WorkerRoutes.WorkerView;
import io.docfleet.queue.QueueCounter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One point of the console's charts, taken at {@code at} (epoch ms): every type's queue depths and
 * its completed and failed counters, the provider cache's hits and misses per type and in total
 * ({@code total}), each type's run-time histogram, and each registered worker's completed tasks
 * ({@code workers}: worker id to the {@code completed} count its heartbeat publishes). Counters are
 * running totals; the page charts their differences between samples (tasks a minute, hit rate and
 * run-time percentiles over each interval; a worker's page its own tasks a minute).
 */
public record DepthSample(
    long at,
    Map<String, Depth> queues,
    Map<String, DashboardSnapshot.CacheRate> cache,
    Map<String, DashboardSnapshot.Durations> durations,
    Map<String, Long> workers) {

  /** One type's depths (ready, in flight, delayed) and counters (completed, failed runs). */
  public record Depth(long ready, long inFlight, long delayed, long completed, long failed) {}

  /**
   * What a stream gets when it connects: the sampling interval, how many samples the history holds
   * at most, the bounds (seconds) of the run-time histograms' buckets, and the samples, oldest
   * first.
   */
  public record History(
      long intervalMs, int capacity, List<Double> durationBounds, List<DepthSample> samples) {}

  public DepthSample {
    queues = Collections.unmodifiableMap(new LinkedHashMap<>(queues));
    cache = Collections.unmodifiableMap(new LinkedHashMap<>(cache));
    durations = Collections.unmodifiableMap(new LinkedHashMap<>(durations));
    workers =
        Collections.unmodifiableMap(new LinkedHashMap<>(workers == null ? Map.of() : workers));
  }

  /** A snapshot's depths and counters of its queues (in their order), cache and run times. */
  static DepthSample of(DashboardSnapshot snapshot) {
    Map<String, Long> workers = new LinkedHashMap<>();
    for (WorkerView worker : snapshot.workers().workers()) {
      workers.put(worker.id(), worker.completed());
    }
    return of(snapshot.at(), snapshot.queues(), snapshot.cache(), snapshot.durations(), workers);
  }

  private static DepthSample of(
      long at,
      List<QueueView> views,
      DashboardSnapshot.Cache cache,
      Map<String, DashboardSnapshot.Durations> durations,
      Map<String, Long> workers) {
    Map<String, Depth> queues = new LinkedHashMap<>();
    for (QueueView view : views) {
      queues.put(
          view.type(),
          new Depth(
              view.ready(),
              view.inFlight(),
              view.delayed(),
              counter(view, QueueCounter.COMPLETED),
              counter(view, QueueCounter.FAILED)));
    }
    Map<String, DashboardSnapshot.CacheRate> rates = new LinkedHashMap<>(cache.byType());
    rates.put("total", cache.total());
    return new DepthSample(at, queues, rates, durations, workers);
  }

  private static long counter(QueueView view, QueueCounter counter) {
    return view.counters() == null ? 0 : view.counters().getOrDefault(counter.wireName(), 0L);
  }
}
