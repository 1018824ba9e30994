package io.docfleet.store;

import static io.docfleet.testing.TestDocuments.aDocument;
import static io.docfleet.testing.TestDocuments.anEntity;
import static io.docfleet.testing.TestDocuments.chunksOf;
import static io.docfleet.testing.TestDocuments.pages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.docfleet.document.DocumentStatus;
import io.docfleet.document.Entity;
import io.docfleet.document.Stage;
import io.docfleet.spend.ProviderCall;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A stage's end: results, engine and status written together; a rerun writes nothing twice, and a
 * status change the transition table refuses writes no result either.
 */
class StageCompletionsTest {
  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  private static final String TEXT = "Acme Corp v. Globex, filed 2026-01-05 in the High Court.";
  private static final StageEngine PDFBOX = new StageEngine("pdfbox", "3.0.8", "ocr-v1");
  private static final StageEngine RULES = new StageEngine("rules", "1", "entities-v1");
  private static final StageEngine STRUCTURED_RULES =
      new StageEngine("rules", "1", "structured-v1+1");

  private final SettableClock clock = new SettableClock();
  private JdbcDocumentStore store;

  @BeforeEach
  void aDocumentInOcr() {
    db.clear();
    store = new JdbcDocumentStore(db.dataSource(), clock);
    store.documents().register(aDocument("d1"));
    store.documents().changeStatus("d1", StatusChange.processing(Stage.OCR, 1));
  }

  @Test
  void theOcrStageEndsWithItsPagesChunksEngineAndNextStageTogether() {
    clock.advance(Duration.ofSeconds(1));

    DocumentRecord next = completeOcr(store.stageCompletions());

    assertThat(next.status()).isEqualTo(DocumentStatus.PROCESSING);
    assertThat(next.stage()).isEqualTo(Stage.ENTITIES);
    assertThat(next.attempts()).isZero();
    assertThat(next.updatedAt()).isEqualTo(clock.instant());
    assertThat(store.documents().find("d1")).contains(next);
    assertThat(store.pages().pages("d1")).isEqualTo(pages(TEXT));
    assertThat(store.chunks().chunks("d1")).isEqualTo(chunksOf(TEXT, 20));
    assertThat(store.stageEngines().engines("d1")).containsEntry(Stage.OCR, PDFBOX);
  }

  @Test
  void aRerunOfAStageWritesNothingTwice() {
    DocumentRecord first = completeOcr(store.stageCompletions());
    clock.advance(Duration.ofMinutes(1));

    DocumentRecord again = completeOcr(store.stageCompletions());

    assertThat(again).isEqualTo(first);
    assertThat(db.count("document_pages")).isEqualTo(1);
    assertThat(db.count("chunks")).isEqualTo(chunksOf(TEXT, 20).size());
    assertThat(db.count("stage_engines")).isEqualTo(1);
  }

  @Test
  void everyStageToTheLastCompletesTheDocument() {
    completeOcr(store.stageCompletions());
    store.documents().changeStatus("d1", StatusChange.processing(Stage.ENTITIES, 1));
    store
        .stageCompletions()
        .complete(
            "d1",
            Stage.ENTITIES,
            new StageOutput.Entities("rules", List.of(anEntity("ORG", "Acme Corp", 0))),
            RULES,
            StatusChange.processing(Stage.STRUCTURED, 0));
    store.documents().changeStatus("d1", StatusChange.processing(Stage.STRUCTURED, 1));
    clock.advance(Duration.ofSeconds(1));
    Instant completedAt = clock.instant();

    DocumentRecord done =
        store
            .stageCompletions()
            .complete(
                "d1",
                Stage.STRUCTURED,
                new StageOutput.Structured(aResult()),
                STRUCTURED_RULES,
                StatusChange.completed());

    assertThat(done.status()).isEqualTo(DocumentStatus.COMPLETED);
    assertThat(done.completedAt()).contains(completedAt);
    assertThat(store.entities().entities("d1")).containsExactly(anEntity("ORG", "Acme Corp", 0));
    assertThat(store.structuredResults().latest("d1", "rules")).contains(aResult());
    assertThat(store.stageEngines().engines("d1"))
        .containsEntry(Stage.ENTITIES, RULES)
        .containsEntry(Stage.STRUCTURED, STRUCTURED_RULES);
  }

  @Test
  void aStageThatRunsAgainAfterAReprocessReplacesItsEarlierResults() {
    completeOcr(store.stageCompletions());
    store.documents().changeStatus("d1", StatusChange.processing(Stage.ENTITIES, 1));
    completeEntities(List.of(anEntity("ORG", "Acme Corp", 0), anEntity("ORG", "Globex", 13)));
    store.documents().changeStatus("d1", StatusChange.queued(Stage.OCR));
    store.documents().changeStatus("d1", StatusChange.processing(Stage.OCR, 1));

    store
        .stageCompletions()
        .complete(
            "d1",
            Stage.OCR,
            new StageOutput.Pages(
                pages("Acme Corp v. Globex"), chunksOf("Acme Corp v. Globex", 40)),
            PDFBOX,
            StatusChange.processing(Stage.ENTITIES, 0));
    store.documents().changeStatus("d1", StatusChange.processing(Stage.ENTITIES, 1));
    completeEntities(List.of(anEntity("ORG", "Globex", 13)));

    assertThat(store.pages().pages("d1")).isEqualTo(pages("Acme Corp v. Globex"));
    assertThat(store.chunks().chunks("d1")).isEqualTo(chunksOf("Acme Corp v. Globex", 40));
    assertThat(store.entities().entities("d1")).containsExactly(anEntity("ORG", "Globex", 13));
    assertThat(db.queryLong("SELECT count(*) FROM entities WHERE chunk_id IS NOT NULL"))
        .isEqualTo(1);
  }

  @Test
  void aRefusedStatusChangeWritesNoResult() {
    store.documents().changeStatus("d1", StatusChange.failed(Stage.OCR, "gave up", 5));

    assertThatThrownBy(() -> completeOcr(store.stageCompletions()))
        .isInstanceOf(IllegalStatusChangeException.class);

    assertThat(db.count("document_pages")).isZero();
    assertThat(db.count("chunks")).isZero();
    assertThat(db.count("stage_engines")).isZero();
    assertThat(store.documents().find("d1").orElseThrow().status())
        .isEqualTo(DocumentStatus.FAILED);
  }

  @Test
  void anUnknownDocumentIsRefused() {
    assertThatThrownBy(
            () ->
                store
                    .stageCompletions()
                    .complete(
                        "ghost",
                        Stage.OCR,
                        new StageOutput.Pages(pages(TEXT), List.of()),
                        PDFBOX,
                        StatusChange.processing(Stage.ENTITIES, 0)))
        .isInstanceOf(UnknownDocumentException.class);
  }

  @Test
  void aReprocessedDocumentCompletesAgainAtItsNewTime() {
    store.documents().changeStatus("d1", StatusChange.completed());
    DocumentRecord queued = store.documents().changeStatus("d1", StatusChange.queued(Stage.OCR));
    assertThat(queued.completedAt()).isEmpty();
    store.documents().changeStatus("d1", StatusChange.processing(Stage.STRUCTURED, 1));
    clock.advance(Duration.ofHours(1));

    DocumentRecord done = store.documents().changeStatus("d1", StatusChange.completed());

    assertThat(done.completedAt()).contains(clock.instant());
    assertThat(store.documents().find("d1")).contains(done);
  }

  @Test
  void aStoreWithoutItsOwnWayWritesOneTableAfterAnother() {
    DocumentStore wrapped = viewsOnly(store);

    DocumentRecord next = completeOcr(wrapped.stageCompletions());

    assertThat(next.stage()).isEqualTo(Stage.ENTITIES);
    assertThat(store.pages().pages("d1")).isEqualTo(pages(TEXT));
    assertThat(store.chunks().chunks("d1")).isEqualTo(chunksOf(TEXT, 20));
    wrapped
        .stageCompletions()
        .complete(
            "d1",
            Stage.ENTITIES,
            new StageOutput.Entities("rules", List.of(anEntity("ORG", "Acme Corp", 0))),
            RULES,
            StatusChange.processing(Stage.STRUCTURED, 0));
    wrapped
        .stageCompletions()
        .complete(
            "d1",
            Stage.STRUCTURED,
            new StageOutput.Structured(aResult()),
            STRUCTURED_RULES,
            StatusChange.completed());
    assertThat(store.entities().entities("d1")).hasSize(1);
    assertThat(store.structuredResults().latest("d1", "rules")).contains(aResult());
    assertThat(store.stageEngines().engines("d1")).hasSize(3);
  }

  @Test
  void theLedgerRowsOfARunAreWrittenInTheStageEndsOneStatement() throws Exception {
    StatementCount count = new StatementCount(db.dataSource());
    JdbcDocumentStore counted = new JdbcDocumentStore(count.dataSource(), clock);
    List<ProviderCall> calls = List.of(aCall(false, 120, 30), aCall(true, 80, 20));

    counted
        .stageCompletions()
        .complete(
            "d1",
            Stage.OCR,
            new StageOutput.Pages(pages(TEXT), chunksOf(TEXT, 20)),
            PDFBOX,
            StatusChange.processing(Stage.ENTITIES, 0),
            calls);

    assertThat(count.statements()).isEqualTo(1);
    assertThat(store.providerCalls().ofDocument("d1")).isEqualTo(calls);
  }

  @Test
  void aStageEndTheTransitionTableRefusesWritesNoLedgerRow() {
    store.documents().changeStatus("d1", StatusChange.failed(Stage.OCR, "gone", 1));

    assertThatThrownBy(
            () ->
                store
                    .stageCompletions()
                    .complete(
                        "d1",
                        Stage.OCR,
                        new StageOutput.Pages(pages(TEXT), chunksOf(TEXT, 20)),
                        PDFBOX,
                        StatusChange.processing(Stage.ENTITIES, 0),
                        List.of(aCall(false, 1, 1))))
        .isInstanceOf(IllegalStatusChangeException.class);
    assertThat(db.count("provider_calls")).isZero();
  }

  @Test
  void theViewsOneByOneWriteTheLedgerRowsToo() {
    StageCompletions.oneByOne(viewsOnly(store))
        .complete(
            "d1",
            Stage.OCR,
            new StageOutput.Pages(pages(TEXT), chunksOf(TEXT, 20)),
            PDFBOX,
            StatusChange.processing(Stage.ENTITIES, 0),
            List.of(aCall(false, 5, 5)));

    assertThat(store.providerCalls().ofDocument("d1")).hasSize(1);
  }

  private ProviderCall aCall(boolean cached, long input, long output) {
    return new ProviderCall(
        clock.instant(),
        "d1",
        "acme",
        "ocr",
        "t1",
        "openai",
        "chat.completions",
        "gpt-4o-mini",
        cached,
        Map.of("input_tokens", input, "cached_input_tokens", 0L, "output_tokens", output),
        Map.of("input_tokens", "0.00000015", "as_of", "2026-12-07"),
        new BigDecimal("0.0000123400"));
  }

  private DocumentRecord completeEntities(List<Entity> entities) {
    return store
        .stageCompletions()
        .complete(
            "d1",
            Stage.ENTITIES,
            new StageOutput.Entities("rules", entities),
            RULES,
            StatusChange.processing(Stage.STRUCTURED, 0));
  }

  private static DocumentRecord completeOcr(StageCompletions completions) {
    return completions.complete(
        "d1",
        Stage.OCR,
        new StageOutput.Pages(pages(TEXT), chunksOf(TEXT, 20)),
        PDFBOX,
        StatusChange.processing(Stage.ENTITIES, 0));
  }

  private static StructuredResult aResult() {
    try {
      return new StructuredResult(
          "d1", "rules", 1, "ab".repeat(32), new ObjectMapper().readTree("{\"type\":\"filing\"}"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The store's table views, without its one-transaction completions. */
  private static DocumentStore viewsOnly(DocumentStore store) {
    return new DocumentStore() {
      @Override
      public Documents documents() {
        return store.documents();
      }

      @Override
      public DocumentQueries documentQueries() {
        return store.documentQueries();
      }

      @Override
      public PageStore pages() {
        return store.pages();
      }

      @Override
      public ChunkStore chunks() {
        return store.chunks();
      }

      @Override
      public EntityStore entities() {
        return store.entities();
      }

      @Override
      public StructuredResultStore structuredResults() {
        return store.structuredResults();
      }

      @Override
      public TextractJobStore textractJobs() {
        return store.textractJobs();
      }

      @Override
      public StageEngineStore stageEngines() {
        return store.stageEngines();
      }

      @Override
      public ProviderCallStore providerCalls() {
        return store.providerCalls();
      }
    };
  }
}
