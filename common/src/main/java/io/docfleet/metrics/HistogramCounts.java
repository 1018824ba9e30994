package io.docfleet.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts durations into the {@link DurationBuckets} in memory, lock-free, so a task run or a
 * provider call costs no Redis command: a flush takes what was counted since the last one as a
 * {@link HistogramDelta}, and adds it back when Redis did not take it.
 */
public final class HistogramCounts {
  private final LongAdder[] buckets = new LongAdder[DurationBuckets.count()];
  private final LongAdder sumNanos = new LongAdder();
  private final LongAdder errors = new LongAdder();

  public HistogramCounts() {
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = new LongAdder();
    }
  }

  /** Counts one duration; {@code failed} also counts it as an error. */
  public void record(long nanos, boolean failed) {
    long positive = Math.max(0, nanos);
    buckets[DurationBuckets.bucketOf(positive)].increment();
    sumNanos.add(positive);
    if (failed) {
      errors.increment();
    }
  }

  /** What was counted since the last take; the counts start again from zero. */
  public HistogramDelta takeDelta() {
    long[] counts = new long[buckets.length];
    for (int i = 0; i < buckets.length; i++) {
      counts[i] = buckets[i].sumThenReset();
    }
    return new HistogramDelta(counts, sumNanos.sumThenReset(), errors.sumThenReset());
  }

  /** Adds back a delta that could not be written, for the next flush. */
  public void addBack(HistogramDelta delta) {
    for (int i = 0; i < buckets.length; i++) {
      buckets[i].add(delta.bucket(i));
    }
    sumNanos.add(delta.sumNanos());
    errors.add(delta.errors());
  }
}
