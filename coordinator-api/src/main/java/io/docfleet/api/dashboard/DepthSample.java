package io.docfleet.api.dashboard;

import io.docfleet.api.queues.QueueView;
import io.docfleet.queue.QueueCounter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One point of the dashboard's charts, taken at {@code at} (epoch ms): every type's queue depths
 * and its completed and failed counters, and the provider cache's hits and misses per type and in
 * total ({@code total}). Counters are running totals; the page charts their differences between
 * samples (tasks a minute, hit rate over each interval).
 */
public record DepthSample(
    long at, Map<String, Depth> queues, Map<String, DashboardSnapshot.CacheRate> cache) {

  /** One type's depths (ready, in flight, delayed) and counters (completed, failed runs). */
  public record Depth(long ready, long inFlight, long delayed, long completed, long failed) {}

  /**
   * What a stream gets when it connects: the sampling interval, how many samples the history holds
   * at most, and the samples, oldest first.
   */
  public record History(long intervalMs, int capacity, List<DepthSample> samples) {}

  public DepthSample {
    queues = Collections.unmodifiableMap(new LinkedHashMap<>(queues));
    cache = Collections.unmodifiableMap(new LinkedHashMap<>(cache));
  }

  /** The depths and counters of the queue views, in their order, and the cache's counters. */
  static DepthSample of(long at, List<QueueView> views, DashboardSnapshot.Cache cache) {
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
    return new DepthSample(at, queues, rates);
  }

  private static long counter(QueueView view, QueueCounter counter) {
    return view.counters() == null ? 0 : view.counters().getOrDefault(counter.wireName(), 0L);
  }
}
