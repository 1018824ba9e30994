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
}
