package io.docfleet.store;

import io.docfleet.document.DocumentStatus;
import io.docfleet.document.Stage;
import java.time.Instant;
import java.util.Optional;

/**
 * A document as the system of record holds it: the registered file, its status, the stage it is at,
 * the last error, the attempts of that stage, and when it was created, last changed and completed.
 */
public record DocumentRecord(
    DocumentFile file,
    DocumentStatus status,
    Stage stage,
    Optional<String> error,
    int attempts,
    Instant createdAt,
    Instant updatedAt,
    Optional<Instant> completedAt) {

  public String id() {
    return file.id();
  }
}
