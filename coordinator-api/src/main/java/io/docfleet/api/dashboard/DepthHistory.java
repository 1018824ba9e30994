package io.docfleet.api.dashboard;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The last {@code capacity} queue-depth samples, oldest first, in memory: when full, a new sample
 * pushes out the oldest. Each coordinator keeps its own, so a restarted one starts empty.
 */
final class DepthHistory {
  private final int capacity;
  private final ArrayDeque<DepthSample> samples;

  DepthHistory(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
    this.samples = new ArrayDeque<>(capacity);
  }

  synchronized void add(DepthSample sample) {
    if (samples.size() == capacity) {
      samples.removeFirst();
    }
    samples.addLast(sample);
  }

  /** Every sample held, oldest first. */
  synchronized List<DepthSample> samples() {
    return List.copyOf(samples);
  }

  /**
   * At most {@code most} of the samples held, oldest first, evenly spaced and always the newest:
   * what a page that connects gets, so a short interval (an hour of 100 ms samples is 36,000) does
   * not make every page load megabytes. Counters are running totals, so rates over the wider gaps
   * stay right.
   */
  synchronized List<DepthSample> thinned(int most) {
    List<DepthSample> all = List.copyOf(samples);
    if (all.size() <= most) {
      return all;
    }
    int stride = (all.size() + most - 1) / most;
    ArrayDeque<DepthSample> kept = new ArrayDeque<>(most);
    for (int i = all.size() - 1; i >= 0; i -= stride) {
      kept.addFirst(all.get(i));
    }
    return List.copyOf(kept);
  }
}
