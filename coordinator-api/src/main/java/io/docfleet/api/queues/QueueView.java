package io.docfleet.api.queues;

import io.docfleet.queue.QueueStats;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One task type's queue as {@code GET /api/v1/queues} shows it: ready, in flight, delayed and dead
 * counts, how long the oldest ready task has waited (null when unknown), whether it is paused, and
 * the queue's counters by wire name (a renamed counter also under its legacy name, for one
 * release).
 */
public record QueueView(
    String type,
    long ready,
    long inFlight,
    long delayed,
    long dead,
    Long oldestReadyAgeMs,
    boolean paused,
    String pausedSince,
    Map<String, Long> counters) {

  static QueueView of(
      QueueStats stats, Optional<Instant> oldest, Optional<Instant> pausedSince, Instant now) {
    return new QueueView(
        stats.type(),
        stats.ready(),
        stats.inFlight(),
        stats.delayed(),
        stats.dead(),
        oldest.map(at -> Math.max(0, Duration.between(at, now).toMillis())).orElse(null),
        pausedSince.isPresent(),
        pausedSince.map(Instant::toString).orElse(null),
        stats.counters().published());
  }
}
