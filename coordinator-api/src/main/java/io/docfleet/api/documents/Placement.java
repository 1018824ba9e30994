package io.docfleet.api.documents;

import io.docfleet.task.Priority;
import java.util.Optional;

/**
 * Where a document's tasks wait: the lane of its priority, and the group it shares that lane with
 * fairly (none: the lane's own list). Its later stages inherit both from its OCR task.
 */
public record Placement(Priority priority, Optional<String> group) {
  /** The normal lane, in no group. */
  public static final Placement DEFAULT = new Placement(Priority.NORMAL, Optional.empty());
}
