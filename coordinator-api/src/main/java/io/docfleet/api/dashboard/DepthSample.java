package io.docfleet.api.dashboard;

import io.docfleet.api.queues.QueueView;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The queue depths of every type at one moment ({@code at}, epoch ms): one point of the dashboard's
 * chart.
 */
public record DepthSample(long at, Map<String, Depth> queues) {

  /** One type's depths: ready, in flight and delayed tasks. */
  public record Depth(long ready, long inFlight, long delayed) {}

  /**
   * What a stream gets when it connects: the sampling interval, how many samples the history holds
   * at most, and the samples, oldest first.
   */
  public record History(long intervalMs, int capacity, List<DepthSample> samples) {}

  public DepthSample {
    queues = Collections.unmodifiableMap(new LinkedHashMap<>(queues));
  }

  /** The depths of the queue views, in their order. */
  static DepthSample of(long at, List<QueueView> views) {
    Map<String, Depth> queues = new LinkedHashMap<>();
    for (QueueView view : views) {
      queues.put(view.type(), new Depth(view.ready(), view.inFlight(), view.delayed()));
    }
    return new DepthSample(at, queues);
  }
}
