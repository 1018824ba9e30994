package io.docfleet.tools.bench;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * How a late group fared behind an early group's backlog on one worker, read from the receiver's
 * events (outside Redis): the early group's deliveries answered after the mark (the late group's
 * submit) and up to the late group's last answer, how many of those had started before the mark
 * (already in flight: up to the worker's concurrency), how many early ones were answered after the
 * late group's last (none means the backlog had drained and the run shows nothing), and the late
 * tasks' submit-to-answer latency in ms.
 */
record GroupFairness(
    int lateTasks,
    int earlyBetween,
    int earlyBetweenStartedBefore,
    int earlyAfter,
    LatencySummary lateLatency,
    int lateMissing,
    int duplicates) {

  /**
   * Reads {@code events} (one mark); {@code startedBeforeMark} tells which early events' tasks had
   * started before it.
   */
  static GroupFairness of(
      List<ReceiverEvent> events,
      String early,
      String late,
      int lateTasks,
      Predicate<String> startedBeforeMark) {
    int mark = -1;
    int lastLate = -1;
    for (int i = 0; i < events.size(); i++) {
      ReceiverEvent event = events.get(i);
      if (event.kind() == ReceiverEvent.Kind.MARK) {
        mark = i;
      } else if (event.is(ReceiverEvent.Kind.ANSWERED, late)) {
        lastLate = i;
      }
    }
    if (mark < 0) {
      throw new IllegalArgumentException("the events carry no mark of the late group's submit");
    }
    long markNanos = events.get(mark).nanos();
    int between = 0;
    int startedBefore = 0;
    int after = 0;
    Set<String> lateAnswered = new HashSet<>();
    long[] latencies = new long[lateTasks];
    for (int i = mark + 1; i < events.size(); i++) {
      ReceiverEvent event = events.get(i);
      if (event.is(ReceiverEvent.Kind.ANSWERED, early)) {
        if (i < lastLate) {
          between++;
          startedBefore += startedBeforeMark.test(event.eventId()) ? 1 : 0;
        } else {
          after++;
        }
      } else if (event.is(ReceiverEvent.Kind.ANSWERED, late)
          && lateAnswered.add(event.eventId())
          && lateAnswered.size() <= lateTasks) {
        latencies[lateAnswered.size() - 1] = (event.nanos() - markNanos) / 1_000_000;
      }
    }
    int answered = Math.min(lateTasks, lateAnswered.size());
    return new GroupFairness(
        lateTasks,
        between,
        startedBefore,
        after,
        LatencySummary.of(java.util.Arrays.copyOf(latencies, answered)),
        lateTasks - answered,
        ReceiverEvent.duplicates(events));
  }
}
