package io.docfleet.metrics;

import java.util.Arrays;

/**
 * What one series measured since the last flush: the count of each bucket (not cumulative; the last
 * is {@code +Inf}), the sum of the durations in nanoseconds, and how many of them failed.
 */
public record HistogramDelta(long[] perBucket, long sumNanos, long errors) {

  public HistogramDelta {
    if (perBucket.length != DurationBuckets.count()) {
      throw new IllegalArgumentException(
          "expected " + DurationBuckets.count() + " buckets, got " + perBucket.length);
    }
    perBucket = perBucket.clone();
  }

  /** How many durations were measured. */
  public long count() {
    return Arrays.stream(perBucket).sum();
  }

  /** How many durations were at most bucket {@code index}'s bound. */
  public long cumulative(int index) {
    long total = 0;
    for (int i = 0; i <= index; i++) {
      total += perBucket[i];
    }
    return total;
  }

  /** The count of one bucket. */
  public long bucket(int index) {
    return perBucket[index];
  }

  public boolean isEmpty() {
    return count() == 0 && sumNanos == 0 && errors == 0;
  }

  @Override
  public long[] perBucket() {
    return perBucket.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof HistogramDelta that
        && Arrays.equals(perBucket, that.perBucket)
        && sumNanos == that.sumNanos
        && errors == that.errors;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(perBucket) + Long.hashCode(sumNanos) * 7 + Long.hashCode(errors);
  }

  @Override
  public String toString() {
    return "HistogramDelta"
        + Arrays.toString(perBucket)
        + " sum "
        + sumNanos
        + " ns, "
        + errors
        + " errors";
  }
}
