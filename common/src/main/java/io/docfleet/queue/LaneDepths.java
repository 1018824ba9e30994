package io.docfleet.queue;

import io.docfleet.task.Priority;

/** How many tasks wait in each of a type's priority lanes ({@code docs/task-format.md}). */
public record LaneDepths(long high, long normal, long low) {

  /** Every lane's tasks together: what a type's {@code ready} counts. */
  public long total() {
    return high + normal + low;
  }

  /** The tasks waiting in {@code lane}. */
  public long of(Priority lane) {
    return switch (lane) {
      case HIGH -> high;
      case NORMAL -> normal;
      case LOW -> low;
    };
  }

  /** True when a task waits in the high or the low lane. */
  public boolean anyBesideNormal() {
    return high > 0 || low > 0;
  }
}
