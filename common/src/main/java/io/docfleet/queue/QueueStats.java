package io.docfleet.queue;

import java.util.Map;

/** A snapshot of one task type's queue: its lists and its counters. */
public record QueueStats(
    String type, long ready, long inFlight, long delayed, long dead, Map<String, Long> counters) {

  public QueueStats {
    counters = Map.copyOf(counters);
  }

  /** A counter of {@code {tasks:<type>}:stats}, 0 when it was never counted. */
  public long counter(String name) {
    return counters.getOrDefault(name, 0L);
  }
}
