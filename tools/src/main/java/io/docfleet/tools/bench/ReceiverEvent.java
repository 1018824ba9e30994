package io.docfleet.tools.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One thing the benchmark's webhook receiver ({@link HookReceiver}) saw, kept in the order it saw
 * them: a delivery that arrived, a delivery it answered (recorded before the answer is sent, so the
 * worker cannot start the group's next run before it is counted), or a mark the benchmark set when
 * it submitted something. {@code nanos} is {@link System#nanoTime} then; a mark names no event or
 * group.
 */
record ReceiverEvent(Kind kind, String eventId, String group, long nanos) {
  /** What happened. */
  enum Kind {
    ARRIVED,
    ANSWERED,
    MARK
  }

  static ReceiverEvent arrived(String eventId, String group, long nanos) {
    return new ReceiverEvent(Kind.ARRIVED, eventId, group, nanos);
  }

  static ReceiverEvent answered(String eventId, String group, long nanos) {
    return new ReceiverEvent(Kind.ANSWERED, eventId, group, nanos);
  }

  static ReceiverEvent mark(long nanos) {
    return new ReceiverEvent(Kind.MARK, "", "", nanos);
  }

  boolean is(Kind wanted, String ofGroup) {
    return kind == wanted && group.equals(ofGroup);
  }

  /** How many times each event arrived. */
  static Map<String, Integer> arrivals(List<ReceiverEvent> events) {
    Map<String, Integer> arrivals = new HashMap<>();
    for (ReceiverEvent event : events) {
      if (event.kind == Kind.ARRIVED) {
        arrivals.merge(event.eventId, 1, Integer::sum);
      }
    }
    return arrivals;
  }

  /** Events that arrived more than once (at-least-once delivery showing through). */
  static int duplicates(List<ReceiverEvent> events) {
    return (int) arrivals(events).values().stream().filter(n -> n > 1).count();
  }
}
