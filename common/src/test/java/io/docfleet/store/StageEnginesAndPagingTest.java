package io.docfleet.store;

import static io.docfleet.testing.TestDocuments.aDocument;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.document.Stage;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The recorded engine of each stage, and walking the unfinished documents in pages. */
class StageEnginesAndPagingTest {
  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  private final SettableClock clock = new SettableClock();
  private JdbcDocumentStore store;

  @BeforeEach
  void setUp() {
    db.clear();
    store = new JdbcDocumentStore(db.dataSource(), clock);
  }

  @Test
  void aStageEngineIsRecordedOnceAndReplacedWhenItChanges() {
    store.documents().register(aDocument("d1"));
    StageEngine pdfbox = new StageEngine("pdfbox", "pdfbox-3.0.8", "ocr-v1");

    assertThat(store.stageEngines().record("d1", Stage.OCR, pdfbox)).isEqualTo(1);
    assertThat(store.stageEngines().record("d1", Stage.OCR, pdfbox)).isZero();
    StageEngine tesseract = new StageEngine("tesseract", "tesseract-5.3.0", "ocr-v1");
    assertThat(store.stageEngines().record("d1", Stage.OCR, tesseract)).isEqualTo(1);
    StageEngine rules = new StageEngine("rules", "rules-v3", "entities-v1");
    store.stageEngines().record("d1", Stage.ENTITIES, rules);

    assertThat(store.stageEngines().engines("d1"))
        .isEqualTo(Map.of(Stage.OCR, tesseract, Stage.ENTITIES, rules));
    assertThat(store.stageEngines().engines("d2")).isEmpty();
    assertThat(db.count("stage_engines")).isEqualTo(2);
  }

  @Test
  void unfinishedDocumentsAreWalkedInPagesOfTheSameOrder() {
    for (int i = 0; i < 5; i++) {
      store.documents().register(aDocument("d" + i));
      clock.advance(Duration.ofSeconds(1));
    }
    store.documents().changeStatus("d2", StatusChange.failed(Stage.OCR, "unreadable", 1));

    List<DocumentRecord> first = store.documentQueries().unfinished(2);
    DocumentRecord last = first.get(1);
    List<DocumentRecord> second =
        store.documentQueries().unfinishedAfter(last.updatedAt(), last.id(), 2);
    DocumentRecord end = second.get(1);

    assertThat(first).extracting(DocumentRecord::id).containsExactly("d0", "d1");
    assertThat(second).extracting(DocumentRecord::id).containsExactly("d3", "d4");
    assertThat(store.documentQueries().unfinishedAfter(end.updatedAt(), end.id(), 2)).isEmpty();
  }
}
