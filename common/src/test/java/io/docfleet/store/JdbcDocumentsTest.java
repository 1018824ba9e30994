package io.docfleet.store;

import static io.docfleet.testing.TestDocuments.aDocument;
import static io.docfleet.testing.TestDocuments.renamed;
import static io.docfleet.testing.TestDocuments.withContent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docfleet.document.DocumentStatus;
import io.docfleet.document.Stage;
import io.docfleet.task.Placement;
import io.docfleet.task.Priority;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcDocumentsTest {
  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  private final SettableClock clock = new SettableClock();
  private Documents documents;
  private DocumentQueries queries;

  @BeforeEach
  void emptyStore() {
    db.clear();
    JdbcDocumentStore store = new JdbcDocumentStore(db.dataSource(), clock);
    documents = store.documents();
    queries = store.documentQueries();
  }

  @Test
  void aNewDocumentIsQueuedForOcr() {
    Instant registeredAt = clock.instant();

    assertThat(documents.register(aDocument("d1"))).isEqualTo(Registration.NEW);

    DocumentRecord stored = documents.find("d1").orElseThrow();
    assertThat(stored.file()).isEqualTo(aDocument("d1"));
    assertThat(stored.id()).isEqualTo("d1");
    assertThat(stored.status()).isEqualTo(DocumentStatus.QUEUED);
    assertThat(stored.stage()).isEqualTo(Stage.OCR);
    assertThat(stored.attempts()).isZero();
    assertThat(stored.error()).isEmpty();
    assertThat(stored.createdAt()).isEqualTo(registeredAt);
    assertThat(stored.updatedAt()).isEqualTo(registeredAt);
    assertThat(stored.completedAt()).isEmpty();
  }

  @Test
  void aNewRegistrationWinsOnceAndNeverRewritesAKnownDocument() {
    assertThat(documents.registerNew(aDocument("d1"))).isTrue();
    clock.advance(Duration.ofMinutes(1));

    assertThat(documents.registerNew(withContent(renamed(aDocument("d1"), "other.pdf"), "other")))
        .isFalse();

    DocumentRecord stored = documents.find("d1").orElseThrow();
    assertThat(stored.file()).isEqualTo(aDocument("d1"));
    assertThat(stored.status()).isEqualTo(DocumentStatus.QUEUED);
    assertThat(stored.updatedAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Test
  void registeringTheSameFileAgainChangesNothing() {
    documents.register(aDocument("d1"));
    clock.advance(Duration.ofMinutes(1));

    assertThat(documents.register(aDocument("d1"))).isEqualTo(Registration.UNCHANGED);

    assertThat(documents.find("d1").orElseThrow().updatedAt())
        .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(db.count("documents")).isEqualTo(1);
  }

  @Test
  void newBytesUnderAKnownIdAreReportedAsAContentChange() {
    documents.register(aDocument("d1"));
    clock.advance(Duration.ofMinutes(1));

    assertThat(documents.register(withContent(aDocument("d1"), "second version")))
        .isEqualTo(Registration.CONTENT_CHANGED);

    DocumentRecord stored = documents.find("d1").orElseThrow();
    assertThat(stored.file()).isEqualTo(withContent(aDocument("d1"), "second version"));
    assertThat(stored.updatedAt()).isEqualTo(clock.instant());
    assertThat(stored.createdAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Test
  void aNewNameForTheSameBytesIsStoredButIsNoContentChange() {
    documents.register(aDocument("d1"));

    assertThat(documents.register(renamed(aDocument("d1"), "contract.pdf")))
        .isEqualTo(Registration.UNCHANGED);

    assertThat(documents.find("d1").orElseThrow().file().name()).isEqualTo("contract.pdf");
  }

  @Test
  void aDocumentKeepsWhereItsTasksWait() {
    Placement urgent = new Placement(Priority.HIGH, Optional.of("acme"));
    assertThat(documents.registerNew(aDocument("d1"), Optional.empty(), urgent)).isTrue();
    assertThat(documents.registerNew(aDocument("d2"))).isTrue();

    assertThat(documents.placement("d1")).isEqualTo(urgent);
    assertThat(documents.placement("d2")).isEqualTo(Placement.DEFAULT);
    assertThat(documents.placement("nope")).isEqualTo(Placement.DEFAULT);
  }

  @Test
  void anUnknownIdIsNotFound() {
    assertThat(documents.find("nope")).isEmpty();
    assertThatThrownBy(() -> documents.changeStatus("nope", StatusChange.completed()))
        .isInstanceOf(UnknownDocumentException.class)
        .hasMessageContaining("document nope is not registered");
  }

  @Test
  void aDocumentWalksThePipelineAndEachChangeIsRecorded() {
    documents.register(aDocument("d1"));

    clock.advance(Duration.ofSeconds(1));
    DocumentRecord ocr = documents.changeStatus("d1", StatusChange.processing(Stage.OCR, 1));
    assertThat(ocr.status()).isEqualTo(DocumentStatus.PROCESSING);
    assertThat(ocr.updatedAt()).isEqualTo(clock.instant());

    clock.advance(Duration.ofSeconds(1));
    documents.changeStatus("d1", StatusChange.processing(Stage.ENTITIES, 1).withError("retrying"));
    clock.advance(Duration.ofSeconds(1));
    documents.changeStatus("d1", StatusChange.processing(Stage.STRUCTURED, 2));
    clock.advance(Duration.ofSeconds(1));
    Instant completedAt = clock.instant();
    DocumentRecord done = documents.changeStatus("d1", StatusChange.completed());

    assertThat(documents.find("d1")).contains(done);
    assertThat(done.status()).isEqualTo(DocumentStatus.COMPLETED);
    assertThat(done.stage()).isEqualTo(Stage.STRUCTURED);
    assertThat(done.attempts()).isEqualTo(2);
    assertThat(done.error()).isEmpty();
    assertThat(done.completedAt()).contains(completedAt);
  }

  @Test
  void aFailureRecordsItsErrorAndAnOperatorMayQueueTheDocumentAgain() {
    documents.register(aDocument("d1"));
    documents.changeStatus("d1", StatusChange.processing(Stage.OCR, 5));

    DocumentRecord failed =
        documents.changeStatus("d1", StatusChange.failed(Stage.OCR, "not a PDF", 5));
    assertThat(failed.error()).contains("not a PDF");
    assertThat(documents.find("d1")).contains(failed);

    DocumentRecord again = documents.changeStatus("d1", StatusChange.queued(Stage.OCR));
    assertThat(again.status()).isEqualTo(DocumentStatus.QUEUED);
    assertThat(again.error()).isEmpty();
    assertThat(again.attempts()).isZero();
  }

  @Test
  void aTransitionTheTableForbidsIsRefusedAndWritesNothing() {
    documents.register(aDocument("d1"));
    documents.changeStatus("d1", StatusChange.processing(Stage.OCR, 1));
    DocumentRecord done = documents.changeStatus("d1", StatusChange.completed());

    assertThatThrownBy(() -> documents.changeStatus("d1", StatusChange.processing(Stage.OCR, 2)))
        .isInstanceOf(IllegalStatusChangeException.class)
        .hasMessage(
            "document d1 cannot go from completed to processing (allowed from completed: queued)");
    assertThatThrownBy(() -> documents.changeStatus("d2-unknown", StatusChange.queued(Stage.OCR)))
        .isInstanceOf(UnknownDocumentException.class);

    assertThat(documents.find("d1")).contains(done);
  }

  @Test
  void queuedCannotCompleteWithoutBeingProcessed() {
    documents.register(aDocument("d1"));

    assertThatThrownBy(() -> documents.changeStatus("d1", StatusChange.completed()))
        .isInstanceOf(IllegalStatusChangeException.class)
        .hasMessageContaining("cannot go from queued to completed")
        .hasMessageContaining("allowed from queued:");
  }

  @Test
  void repeatingAStatusChangeWritesNothingTheSecondTime() {
    documents.register(aDocument("d1"));
    documents.changeStatus("d1", StatusChange.processing(Stage.OCR, 1));
    DocumentRecord done = documents.changeStatus("d1", StatusChange.completed());
    clock.advance(Duration.ofMinutes(5));

    DocumentRecord again = documents.changeStatus("d1", StatusChange.completed());

    assertThat(again).isEqualTo(done);
    assertThat(documents.find("d1")).contains(done);
  }

  @Test
  void unfinishedDocumentsComeLeastRecentlyChangedFirst() {
    for (String id : new String[] {"a", "b", "c", "d", "e"}) {
      documents.register(aDocument(id));
      clock.advance(Duration.ofSeconds(1));
    }
    documents.changeStatus("a", StatusChange.processing(Stage.OCR, 1)); // touched last
    documents.changeStatus("c", StatusChange.processing(Stage.OCR, 1));
    documents.changeStatus("c", StatusChange.completed());
    documents.changeStatus("d", StatusChange.failed(Stage.OCR, "broken", 1));

    assertThat(queries.unfinished(10))
        .extracting(DocumentRecord::id)
        .containsExactly("b", "e", "a");
    assertThat(queries.unfinished(2)).extracting(DocumentRecord::id).containsExactly("b", "e");
  }

  @Test
  void recentlyCompletedDocumentsComeNewestFirst() {
    for (String id : new String[] {"old", "mid", "new", "open"}) {
      documents.register(aDocument(id));
    }
    Instant start = clock.instant();
    for (String id : new String[] {"old", "mid", "new"}) {
      clock.advance(Duration.ofMinutes(1));
      documents.changeStatus(id, StatusChange.processing(Stage.STRUCTURED, 1));
      documents.changeStatus(id, StatusChange.completed());
    }

    assertThat(queries.completedSince(start, 10))
        .extracting(DocumentRecord::id)
        .containsExactly("new", "mid", "old");
    assertThat(queries.completedSince(start.plus(Duration.ofMinutes(2)), 10))
        .extracting(DocumentRecord::id)
        .containsExactly("new", "mid");
    assertThat(queries.completedSince(start, 1))
        .extracting(DocumentRecord::id)
        .containsExactly("new");
  }
}
