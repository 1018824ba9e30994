package io.docfleet.api.queues;

import io.docfleet.queue.LaneDepths;
import io.docfleet.queue.QueueStats;
import io.docfleet.task.Priority;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One task type's queue as {@code GET /api/v1/queues} shows it: ready (every lane's), each lane's
 * ready tasks, in flight, delayed and dead counts, how long the oldest ready task has waited (null
 * when unknown), whether it is paused (and which lanes are, one by one), and the queue's counters
 * by wire name (a renamed counter also under its legacy name, for one release), and how many groups
 * have tasks ready or running.
 */
public record QueueView(
    String type,
    long ready,
    LaneDepths lanes,
    long inFlight,
    long delayed,
    long dead,
    Long oldestReadyAgeMs,
    boolean paused,
    String pausedSince,
    List<String> pausedLanes,
    Map<String, Long> counters,
    long groupCount) {

  static QueueView of(
      QueueStats stats,
      Optional<Instant> oldest,
      Optional<Instant> pausedSince,
      List<Priority> pausedLanes,
      Instant now,
      long groupCount) {
    return new QueueView(
        stats.type(),
        stats.ready(),
        stats.lanes(),
        stats.inFlight(),
        stats.delayed(),
        stats.dead(),
        oldest.map(at -> Math.max(0, Duration.between(at, now).toMillis())).orElse(null),
        pausedSince.isPresent(),
        pausedSince.map(Instant::toString).orElse(null),
        pausedLanes.stream().map(Priority::wireName).toList(),
        stats.counters().published(),
        groupCount);
  }
}
