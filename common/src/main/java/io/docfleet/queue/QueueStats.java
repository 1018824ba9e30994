package io.docfleet.queue;

/** A snapshot of one task type's queue: its lists and its counters. */
public record QueueStats(
    String type, long ready, long inFlight, long delayed, long dead, QueueCounters counters) {

  /** A counter of {@code {tasks:<type>}:stats}, 0 when it was never counted. */
  public long counter(QueueCounter counter) {
    return counters.get(counter);
  }
}
