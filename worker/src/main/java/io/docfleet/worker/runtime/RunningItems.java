package io.docfleet.worker.runtime;

import java.util.HashMap;
import java.util.Map;

/**
 * The queue items of one type this worker is running now, from the moment the claim loop hands them
 * to a run until the run ended, counted per item (two byte-identical items are two runs). {@link
 * OrphanSweep} compares them with the worker's in-flight list in Redis.
 */
final class RunningItems {
  private final Map<String, Integer> counts = new HashMap<>();

  synchronized void add(String item) {
    counts.merge(item, 1, Integer::sum);
  }

  synchronized void remove(String item) {
    counts.computeIfPresent(item, (key, count) -> count == 1 ? null : count - 1);
  }

  /** A copy: each running item and how many runs of it there are. */
  synchronized Map<String, Integer> snapshot() {
    return new HashMap<>(counts);
  }
}
