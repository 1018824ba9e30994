package io.docfleet.worker.queue;

import io.docfleet.task.Priority;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What one claim moved and began, and the lanes it found paused (all three while the whole type is
 * paused: then nothing was moved).
 */
public record Claimed(Set<Priority> pausedLanes, List<ClaimedItem> items) {
  public Claimed {
    pausedLanes = pausedLanes.isEmpty() ? Set.of() : Set.copyOf(pausedLanes);
  }

  /** With every lane paused, or none. */
  public Claimed(boolean paused, List<ClaimedItem> items) {
    this(paused ? EnumSet.allOf(Priority.class) : Set.of(), items);
  }

  /** True when no lane may be claimed from: the type, or each of its lanes, is paused. */
  public boolean paused() {
    return pausedLanes.size() == Priority.values().length;
  }
}
