package io.docfleet.api.documents;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.document.DocumentStatus;
import io.docfleet.document.Stage;
import io.docfleet.store.DocumentRecord;
import io.docfleet.testing.TestDocuments;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A stage's {@code waitingFor}: the reason {@code doc:state} keeps while the stage waits, and never
 * one left from an earlier wait once the stage runs, is done or failed.
 */
class DocumentViewTest {
  private static final Instant NOW = Instant.parse("2026-03-03T10:00:00Z");
  private static final String BUDGET = "daily budget of group acme reached: $5.00 of $5.00 spent";

  private static DocumentRecord processingAt(Stage stage) {
    return new DocumentRecord(
        TestDocuments.aDocument("d-1"),
        DocumentStatus.PROCESSING,
        stage,
        Optional.empty(),
        1,
        NOW,
        NOW,
        Optional.empty());
  }

  /** The hash with OCR done and entities in {@code status}, its last wait's reason kept. */
  private static Map<String, String> entitiesAre(String status, String waitingFor) {
    Map<String, String> state = new HashMap<>();
    state.put("ocr_status", "done");
    state.put("ocr_timestamp", Long.toString(NOW.toEpochMilli()));
    state.put("ocr_waiting_for", "");
    state.put("entities_status", status);
    state.put("entities_timestamp", Long.toString(NOW.toEpochMilli()));
    state.put("entities_waiting_for", waitingFor);
    return state;
  }

  private static DocumentView.StageView entities(Map<String, String> state) {
    return DocumentView.of(processingAt(Stage.ENTITIES), state, Map.of()).stages().get("entities");
  }

  @Test
  void aWaitingStageShowsWhyItWaits() {
    DocumentView view =
        DocumentView.of(processingAt(Stage.ENTITIES), entitiesAre("waiting", BUDGET), Map.of());

    assertThat(view.stages().get("entities").waitingFor()).isEqualTo(BUDGET);
    assertThat(view.stages().get("ocr").waitingFor()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"running", "done", "failed"})
  void aReasonLeftFromAnEarlierWaitNeverShowsOnceTheStageMovedOn(String status) {
    assertThat(entities(entitiesAre(status, BUDGET)).waitingFor()).isNull();
  }

  @Test
  void aWaitingStageWithoutAReasonShowsNone() {
    Map<String, String> written = entitiesAre("waiting", "");
    Map<String, String> older = entitiesAre("waiting", "");
    older.remove("entities_waiting_for"); // written before the reason was

    assertThat(entities(written).waitingFor()).isNull();
    assertThat(entities(older).waitingFor()).isNull();
  }
}
