package io.docfleet.queue;

import java.util.Comparator;
import java.util.OptionalInt;

/**
 * One group's tasks on one type's queue: ready in each lane, in flight on any worker, and the limit
 * on those in flight that applies to it (its own, else every group's; empty when none).
 */
public record GroupDepth(String group, LaneDepths ready, long running, OptionalInt limit) {
  /** The order operators read groups in: the largest backlog first, then by name. */
  public static final Comparator<GroupDepth> LARGEST_BACKLOG_FIRST =
      Comparator.comparingLong((GroupDepth d) -> d.ready().total())
          .reversed()
          .thenComparing(GroupDepth::group);
}
