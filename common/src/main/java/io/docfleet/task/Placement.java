package io.docfleet.task;

import java.util.Optional;

/**
 * Where a document's tasks wait: the lane of its priority, and the group it shares that lane with
 * fairly (none: the lane's own list). Its later stages inherit both from its OCR task; the document
 * keeps them (columns {@code priority} and {@code group_name}), so a reprocess that names neither
 * and the reconciler's resubmits queue it where it was.
 */
public record Placement(Priority priority, Optional<String> group) {
  /** The normal lane, in no group. */
  public static final Placement DEFAULT = new Placement(Priority.NORMAL, Optional.empty());

  /** {@code task} in this lane and group. */
  public Task on(Task task) {
    return task.withPriority(priority).withGroup(group.orElse(null));
  }
}
