package io.docfleet.api.dashboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Completed documents counted per second over the last {@code minutes}, in a ring of one slot per
 * second, so memory stays fixed whatever the rate. A completion stamped in the future (another
 * machine's clock ahead of ours) counts now; one older than the window is dropped.
 */
final class CompletionRate {
  private final int span;
  private final long[] seconds;
  private final long[] counts;

  CompletionRate(int minutes) {
    if (minutes < 1) {
      throw new IllegalArgumentException("minutes must be at least 1, was " + minutes);
    }
    this.span = minutes * 60;
    this.seconds = new long[span];
    this.counts = new long[span];
    Arrays.fill(seconds, Long.MIN_VALUE);
  }

  /** Counts one completion that happened {@code at}, seen {@code now}. */
  synchronized void record(Instant at, Instant now) {
    long second = Math.min(at.getEpochSecond(), now.getEpochSecond());
    if (second <= now.getEpochSecond() - span) {
      return;
    }
    int slot = (int) Math.floorMod(second, (long) span);
    if (seconds[slot] > second) {
      return;
    }
    if (seconds[slot] < second) {
      seconds[slot] = second;
      counts[slot] = 0;
    }
    counts[slot]++;
  }

  /** Completions in the {@code windowSeconds} seconds up to and including {@code now}'s second. */
  synchronized long within(Instant now, int windowSeconds) {
    long last = now.getEpochSecond();
    long total = 0;
    for (long second = last - Math.min(windowSeconds, span) + 1; second <= last; second++) {
      int slot = (int) Math.floorMod(second, (long) span);
      if (seconds[slot] == second) {
        total += counts[slot];
      }
    }
    return total;
  }

  /** Completions per minute over the whole window, oldest minute first; the last ends now. */
  synchronized List<Long> perMinute(Instant now) {
    int minutes = span / 60;
    List<Long> result = new ArrayList<>(minutes);
    for (int minute = minutes - 1; minute >= 0; minute--) {
      result.add(within(now.minusSeconds(60L * minute), 60));
    }
    return result;
  }
}
