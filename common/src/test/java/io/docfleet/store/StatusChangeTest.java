package io.docfleet.store;

import static io.docfleet.testing.TestDocuments.aDocument;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.document.DocumentStatus;
import io.docfleet.document.Stage;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusChangeTest {
  private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant NOW = Instant.parse("2026-01-01T00:05:00Z");

  private static DocumentRecord aRecord(DocumentStatus status, Stage stage, int attempts) {
    Optional<Instant> completedAt =
        status == DocumentStatus.COMPLETED ? Optional.of(CREATED) : Optional.empty();
    return new DocumentRecord(
        aDocument("d1"), status, stage, Optional.empty(), attempts, CREATED, CREATED, completedAt);
  }

  @Test
  void processingRecordsTheStageAndAttemptAndClearsTheError() {
    DocumentRecord failedOnce =
        StatusChange.processing(Stage.OCR, 1)
            .withError("timeout")
            .applyTo(aRecord(DocumentStatus.QUEUED, Stage.OCR, 0), NOW);
    DocumentRecord next = StatusChange.processing(Stage.OCR, 2).applyTo(failedOnce, NOW);
    assertThat(failedOnce.error()).contains("timeout");
    assertThat(next.status()).isEqualTo(DocumentStatus.PROCESSING);
    assertThat(next.attempts()).isEqualTo(2);
    assertThat(next.error()).isEmpty();
    assertThat(next.updatedAt()).isEqualTo(NOW);
    assertThat(next.createdAt()).isEqualTo(CREATED);
  }

  @Test
  void completingKeepsStageAndAttemptsAndStampsTheCompletion() {
    DocumentRecord done =
        StatusChange.completed()
            .applyTo(aRecord(DocumentStatus.PROCESSING, Stage.STRUCTURED, 3), NOW);
    assertThat(done.stage()).isEqualTo(Stage.STRUCTURED);
    assertThat(done.attempts()).isEqualTo(3);
    assertThat(done.completedAt()).contains(NOW);
  }

  @Test
  void queueingAgainClearsTheCompletionAndResetsAttempts() {
    DocumentRecord again =
        StatusChange.queued(Stage.OCR)
            .applyTo(aRecord(DocumentStatus.COMPLETED, Stage.STRUCTURED, 2), NOW);
    assertThat(again.completedAt()).isEmpty();
    assertThat(again.stage()).isEqualTo(Stage.OCR);
    assertThat(again.attempts()).isZero();
  }

  @Test
  void failingKeepsAnEarlierCompletionTimeUntouched() {
    DocumentRecord failed =
        StatusChange.failed(Stage.ENTITIES, "bad pdf", 5)
            .applyTo(aRecord(DocumentStatus.PROCESSING, Stage.ENTITIES, 4), NOW);
    assertThat(failed.error()).contains("bad pdf");
    assertThat(failed.completedAt()).isEmpty();
  }

  @Test
  void aChangeToTheSameStateIsANoOp() {
    DocumentRecord completed = aRecord(DocumentStatus.COMPLETED, Stage.STRUCTURED, 1);
    assertThat(StatusChange.completed().isNoOpFor(completed)).isTrue();
    assertThat(StatusChange.completed().applyTo(completed, NOW).completedAt())
        .isEqualTo(completed.completedAt());
    assertThat(
            StatusChange.processing(Stage.OCR, 1)
                .isNoOpFor(aRecord(DocumentStatus.PROCESSING, Stage.OCR, 1)))
        .isTrue();
    assertThat(
            StatusChange.processing(Stage.OCR, 2)
                .isNoOpFor(aRecord(DocumentStatus.PROCESSING, Stage.OCR, 1)))
        .isFalse();
    assertThat(
            StatusChange.processing(Stage.ENTITIES, 1)
                .isNoOpFor(aRecord(DocumentStatus.PROCESSING, Stage.OCR, 1)))
        .isFalse();
    assertThat(
            StatusChange.processing(Stage.OCR, 1)
                .withError("x")
                .isNoOpFor(aRecord(DocumentStatus.PROCESSING, Stage.OCR, 1)))
        .isFalse();
    assertThat(
            StatusChange.queued(Stage.OCR)
                .isNoOpFor(aRecord(DocumentStatus.PROCESSING, Stage.OCR, 0)))
        .isFalse();
  }
}
