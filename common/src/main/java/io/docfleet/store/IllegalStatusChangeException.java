package io.docfleet.store;

import io.docfleet.document.DocumentStatus;

/** A status change that the transition table in {@link DocumentStatus} does not allow. */
public final class IllegalStatusChangeException extends IllegalStateException {
  public IllegalStatusChangeException(String documentId, DocumentStatus from, DocumentStatus to) {
    super(
        "document "
            + documentId
            + " cannot go from "
            + from.wireName()
            + " to "
            + to.wireName()
            + " (allowed from "
            + from.wireName()
            + ": "
            + allowedFrom(from)
            + ")");
  }

  private static String allowedFrom(DocumentStatus from) {
    StringBuilder allowed = new StringBuilder();
    for (DocumentStatus next : DocumentStatus.values()) {
      if (from.canBecome(next)) {
        allowed.append(allowed.length() == 0 ? "" : ", ").append(next.wireName());
      }
    }
    return allowed.toString();
  }
}
