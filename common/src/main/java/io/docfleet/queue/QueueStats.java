package io.docfleet.queue;

/**
 * A snapshot of one task type's queue: its lists and its counters; {@code ready} counts every
 * lane's tasks, {@code lanes} each lane's.
 */
public record QueueStats(
    String type,
    long ready,
    long inFlight,
    long delayed,
    long dead,
    QueueCounters counters,
    LaneDepths lanes) {

  /** Every ready task in the normal lane. */
  public QueueStats(
      String type, long ready, long inFlight, long delayed, long dead, QueueCounters counters) {
    this(type, ready, inFlight, delayed, dead, counters, new LaneDepths(0, ready, 0));
  }

  /** A counter of {@code {tasks:<type>}:stats}, 0 when it was never counted. */
  public long counter(QueueCounter counter) {
    return counters.get(counter);
  }
}
