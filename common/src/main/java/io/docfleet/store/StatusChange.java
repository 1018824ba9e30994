package io.docfleet.store;

import io.docfleet.document.DocumentStatus;
import io.docfleet.document.Stage;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A requested change of a document's status: the new status, and the stage, error and attempts to
 * record with it. An empty stage or attempts keeps the current value; an empty error clears it.
 * Build one with {@link #queued}, {@link #processing}, {@link #completed} or {@link #failed}.
 */
public record StatusChange(
    DocumentStatus status, Optional<Stage> stage, Optional<String> error, OptionalInt attempts) {

  public StatusChange {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(attempts, "attempts");
  }

  /** Queued for {@code stage}, attempts reset: a new document, or one an operator reprocesses. */
  public static StatusChange queued(Stage stage) {
    return new StatusChange(
        DocumentStatus.QUEUED, Optional.of(stage), Optional.empty(), OptionalInt.of(0));
  }

  /** A worker runs {@code stage} (attempt {@code attempts}), or the stage is queued next. */
  public static StatusChange processing(Stage stage, int attempts) {
    return new StatusChange(
        DocumentStatus.PROCESSING, Optional.of(stage), Optional.empty(), OptionalInt.of(attempts));
  }

  /** The last stage finished; stage and attempts stay as they were. */
  public static StatusChange completed() {
    return new StatusChange(
        DocumentStatus.COMPLETED, Optional.empty(), Optional.empty(), OptionalInt.empty());
  }

  /** {@code stage} failed for good after {@code attempts}, with {@code error}. */
  public static StatusChange failed(Stage stage, String error, int attempts) {
    return new StatusChange(
        DocumentStatus.FAILED, Optional.of(stage), Optional.of(error), OptionalInt.of(attempts));
  }

  /** The same change recording {@code message} as the last error (a retry after a failure). */
  public StatusChange withError(String message) {
    return new StatusChange(status, stage, Optional.of(message), attempts);
  }

  /**
   * The record after this change at {@code now}: the given status, stage, error and attempts;
   * {@code completedAt} set on completion and cleared when queued again.
   */
  DocumentRecord applyTo(DocumentRecord current, Instant now) {
    Optional<Instant> completedAt =
        switch (status) {
          case COMPLETED ->
              current.status() == DocumentStatus.COMPLETED
                  ? current.completedAt()
                  : Optional.of(now);
          case QUEUED -> Optional.empty();
          default -> current.completedAt();
        };
    return new DocumentRecord(
        current.file(),
        status,
        stage.orElse(current.stage()),
        error,
        attempts.orElse(current.attempts()),
        current.createdAt(),
        now,
        completedAt);
  }

  /** True when applying this change to {@code current} would alter nothing but timestamps. */
  boolean isNoOpFor(DocumentRecord current) {
    return current.status() == status
        && current.stage() == stage.orElse(current.stage())
        && current.error().equals(error)
        && current.attempts() == attempts.orElse(current.attempts());
  }
}
