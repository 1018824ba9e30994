package io.docfleet.metrics;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * The fixed bucket bounds, in seconds, of every duration histogram of the fleet: a worker's own
 * timers use them, and so do the fleet-wide histograms the workers add to, so counts of different
 * workers fall into the same buckets and add up.
 */
public final class DurationBuckets {
  /** Upper bounds in seconds, ascending; a last bucket, {@code +Inf}, takes the rest. */
  public static final List<Double> SECONDS =
      List.of(
          0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0);

  private DurationBuckets() {}

  /** The number of buckets including {@code +Inf}. */
  public static int count() {
    return SECONDS.size() + 1;
  }

  /** The bucket a duration falls in: the first bound not below it, else the last ({@code +Inf}). */
  public static int bucketOf(long nanos) {
    double seconds = nanos / 1e9;
    for (int i = 0; i < SECONDS.size(); i++) {
      if (seconds <= SECONDS.get(i)) {
        return i;
      }
    }
    return SECONDS.size();
  }

  /** The bounds as durations, for a Micrometer timer's service level objectives. */
  public static Duration[] durations() {
    return SECONDS.stream()
        .map(seconds -> Duration.ofNanos(Math.round(seconds * 1e9)))
        .toArray(Duration[]::new);
  }

  /** A bound as written in hash field names: {@code 0.005}, {@code 1}, {@code 2.5}. */
  public static String format(double bound) {
    return BigDecimal.valueOf(bound).stripTrailingZeros().toPlainString();
  }
}
