package io.docfleet.document;

import java.util.Map;
import java.util.Set;

/**
 * A document's overall status, and the one table of the transitions allowed between them. {@code
 * queued}: accepted, a task is queued; {@code processing}: a stage runs or the next is queued;
 * {@code completed} and {@code failed} are final until an operator reprocesses.
 */
public enum DocumentStatus {
  QUEUED,
  PROCESSING,
  COMPLETED,
  FAILED;

  private static final Map<DocumentStatus, Set<DocumentStatus>> ALLOWED =
      Map.of(
          QUEUED, Set.of(QUEUED, PROCESSING, FAILED),
          PROCESSING, Set.of(PROCESSING, COMPLETED, FAILED, QUEUED),
          COMPLETED, Set.of(QUEUED),
          FAILED, Set.of(QUEUED));

  /** True when a document may go from this status to {@code next}. */
  public boolean canBecome(DocumentStatus next) {
    return ALLOWED.get(this).contains(next);
  }

  public boolean isFinal() {
    return this == COMPLETED || this == FAILED;
  }

  /** The lower-case name stored in PostgreSQL and Redis. */
  public String wireName() {
    return name().toLowerCase();
  }

  public static DocumentStatus fromWire(String value) {
    return valueOf(value.toUpperCase());
  }
}
