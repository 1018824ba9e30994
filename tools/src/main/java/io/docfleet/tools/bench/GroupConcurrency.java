package io.docfleet.tools.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The most deliveries of each group in progress at the receiver at once, replayed from its events
 * in their order (an arrival counts up, an answer down), and how many distinct events arrived and
 * how many of them more than once.
 */
record GroupConcurrency(Map<String, Integer> mostInProgress, int delivered, int duplicates) {

  static GroupConcurrency of(List<ReceiverEvent> events) {
    Map<String, Integer> now = new HashMap<>();
    Map<String, Integer> most = new TreeMap<>();
    for (ReceiverEvent event : events) {
      if (event.kind() == ReceiverEvent.Kind.ARRIVED) {
        int inProgress = now.merge(event.group(), 1, Integer::sum);
        most.merge(event.group(), inProgress, Math::max);
      } else if (event.kind() == ReceiverEvent.Kind.ANSWERED) {
        now.merge(event.group(), -1, Integer::sum);
      }
    }
    Map<String, Integer> arrivals = ReceiverEvent.arrivals(events);
    return new GroupConcurrency(
        most, arrivals.size(), (int) arrivals.values().stream().filter(n -> n > 1).count());
  }

  /** The most in progress at once of any group; 0 when nothing arrived. */
  int most() {
    return mostInProgress.values().stream().mapToInt(Integer::intValue).max().orElse(0);
  }
}
