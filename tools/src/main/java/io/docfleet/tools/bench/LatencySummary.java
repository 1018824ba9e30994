package io.docfleet.tools.bench;

import java.util.Arrays;

/** Percentiles of a set of latencies (nearest rank), in the unit they were given in. */
record LatencySummary(int count, long p50, long p99, long max) {

  static LatencySummary of(long[] latencies) {
    if (latencies.length == 0) {
      return new LatencySummary(0, -1, -1, -1);
    }
    long[] sorted = latencies.clone();
    Arrays.sort(sorted);
    return new LatencySummary(
        sorted.length, rank(sorted, 0.50), rank(sorted, 0.99), sorted[sorted.length - 1]);
  }

  private static long rank(long[] sorted, double quantile) {
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
