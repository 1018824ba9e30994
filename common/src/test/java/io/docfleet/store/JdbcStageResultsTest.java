package io.docfleet.store;

import static io.docfleet.testing.TestDocuments.aDocument;
import static io.docfleet.testing.TestDocuments.anEntity;
import static io.docfleet.testing.TestDocuments.chunksOf;
import static io.docfleet.testing.TestDocuments.pages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docfleet.document.Chunk;
import io.docfleet.document.Entity;
import io.docfleet.document.PageText;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Pages, chunks and entities: each save makes its set, and a rerun writes nothing. */
class JdbcStageResultsTest {
  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  private static final String TEXT = "Acme Corp v. Globex, filed 2026-01-05 in the High Court.";

  private JdbcDocumentStore store;

  @BeforeEach
  void aRegisteredDocument() {
    db.clear();
    store = new JdbcDocumentStore(db.dataSource(), new SettableClock());
    store.documents().register(aDocument("d1"));
    store.documents().register(aDocument("d2"));
  }

  @Test
  void savingThePagesTwiceWritesThemOnce() {
    List<PageText> pages = pages("first page", "second page");

    assertThat(store.pages().savePages("d1", pages)).isEqualTo(2);
    assertThat(store.pages().savePages("d1", pages)).isZero();

    assertThat(db.count("document_pages")).isEqualTo(2);
    assertThat(store.pages().pages("d1")).isEqualTo(pages);
    assertThat(db.queryLong("SELECT char_count FROM document_pages WHERE page_number = 2"))
        .isEqualTo("second page".length());
  }

  @Test
  void anOcrRerunRewritesOnlyTheChangedPagesAndDropsTheMissingOnes() {
    store.pages().savePages("d1", pages("first page", "second page", "third page"));
    store.pages().savePages("d2", pages("other document"));

    int written = store.pages().savePages("d1", pages("first page", "second page, read better"));

    assertThat(written).isEqualTo(2); // page 2 rewritten, page 3 removed
    assertThat(store.pages().pages("d1"))
        .isEqualTo(pages("first page", "second page, read better"));
    assertThat(store.pages().pages("d2")).hasSize(1);
    assertThat(store.pages().savePages("d1", List.of())).isEqualTo(2);
    assertThat(store.pages().pages("d1")).isEmpty();
  }

  @Test
  void aPageReadAnotherWayIsRewrittenEvenWithTheSameText() {
    store.pages().savePages("d1", pages("scanned"));

    assertThat(store.pages().savePages("d1", List.of(new PageText(1, "scanned", "tesseract"))))
        .isEqualTo(1);
    assertThat(store.pages().pages("d1").get(0).method()).isEqualTo("tesseract");
  }

  @Test
  void aPageNumberGivenTwiceIsRefused() {
    List<PageText> twice = List.of(new PageText(1, "a", "plain"), new PageText(1, "b", "plain"));

    assertThatThrownBy(() -> store.pages().savePages("d1", twice))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("page 1 is given twice");
  }

  @Test
  void savingTheChunksTwiceWritesThemOnce() {
    List<Chunk> chunks = chunksOf(TEXT, 20);

    assertThat(store.chunks().saveChunks("d1", chunks)).isEqualTo(chunks.size());
    assertThat(store.chunks().saveChunks("d1", chunks)).isZero();

    assertThat(db.count("chunks")).isEqualTo(chunks.size());
    assertThat(store.chunks().chunks("d1")).isEqualTo(chunks);
  }

  @Test
  void aNewChunkingReplacesTheOldOneEvenWhenIndexesMoveBetweenIds() {
    List<Chunk> before = chunksOf(TEXT, 20);
    store.chunks().saveChunks("d1", before);
    Chunk first = before.get(0);
    Chunk second = before.get(1);
    List<Chunk> swapped =
        List.of(
            new Chunk(second.id(), 0, second.start(), second.end(), second.sha256(), second.text()),
            new Chunk(first.id(), 1, first.start(), first.end(), first.sha256(), first.text()));

    assertThat(store.chunks().saveChunks("d1", swapped)).isEqualTo(before.size());

    assertThat(store.chunks().chunks("d1")).isEqualTo(swapped);
  }

  @Test
  void aChunkIdGivenTwiceIsRefused() {
    Chunk chunk = chunksOf(TEXT, 100).get(0);

    assertThatThrownBy(() -> store.chunks().saveChunks("d1", List.of(chunk, chunk)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is given twice");
  }

  @Test
  void savingTheEntitiesTwiceWritesThemOnceAndFindsTheirChunk() {
    store.chunks().saveChunks("d1", chunksOf(TEXT, 20));
    List<Entity> found =
        List.of(
            anEntity("organization", "Acme Corp", 0),
            anEntity("organization", "Globex", 13),
            anEntity("date", "2026-01-05", 27),
            anEntity("court", "High Court", 45));

    assertThat(store.entities().replaceEntities("d1", "rules", found)).isEqualTo(4);
    assertThat(store.entities().replaceEntities("d1", "rules", found)).isZero();

    assertThat(db.count("entities")).isEqualTo(4);
    assertThat(store.entities().entities("d1")).isEqualTo(found);
    assertThat(chunkIndexOfEntityAt(0)).isEqualTo(0);
    assertThat(chunkIndexOfEntityAt(27)).isEqualTo(1);
    assertThat(chunkIndexOfEntityAt(45)).isEqualTo(2);
  }

  @Test
  void anExtractorReplacesOnlyItsOwnEntities() {
    store.entities().replaceEntities("d1", "rules", List.of(anEntity("date", "2026-01-05", 27)));
    Entity byModel = anEntity("organization", "Acme Corp", 0, "openai:gpt-test");
    store.entities().replaceEntities("d1", "openai:gpt-test", List.of(byModel));

    int written =
        store
            .entities()
            .replaceEntities("d1", "rules", List.of(anEntity("court", "High Court", 45)));

    assertThat(written).isEqualTo(2); // one removed, one added
    assertThat(store.entities().entities("d1"))
        .containsExactly(byModel, anEntity("court", "High Court", 45));
  }

  @Test
  void theSameEntityReportedTwiceByOverlappingChunksIsStoredOnce() {
    Entity acme = anEntity("organization", "Acme Corp", 0);

    assertThat(store.entities().replaceEntities("d1", "rules", List.of(acme, acme))).isEqualTo(1);
    assertThat(store.entities().entities("d1")).containsExactly(acme);
  }

  @Test
  void anEntityOfAnotherExtractorIsRefused() {
    List<Entity> mixed = List.of(anEntity("date", "2026-01-05", 27, "openai:gpt-test"));

    assertThatThrownBy(() -> store.entities().replaceEntities("d1", "rules", mixed))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("openai:gpt-test");
  }

  @Test
  void resultsOfAnUnregisteredDocumentAreRefused() {
    assertThatThrownBy(() -> store.pages().savePages("ghost", pages("boo")))
        .isInstanceOf(UnknownDocumentException.class)
        .hasMessageContaining("ghost");
    assertThatThrownBy(() -> store.chunks().saveChunks("ghost", List.of()))
        .isInstanceOf(UnknownDocumentException.class);
    assertThatThrownBy(() -> store.entities().replaceEntities("ghost", "rules", List.of()))
        .isInstanceOf(UnknownDocumentException.class);
  }

  @Test
  void deletingADocumentDeletesEverythingMadeOfIt() {
    store.pages().savePages("d1", pages("first page"));
    store.chunks().saveChunks("d1", chunksOf(TEXT, 20));
    store.entities().replaceEntities("d1", "rules", List.of(anEntity("date", "2026-01-05", 27)));

    db.update("DELETE FROM documents WHERE id = 'd1'");

    assertThat(db.count("document_pages") + db.count("chunks") + db.count("entities")).isZero();
  }

  private static long chunkIndexOfEntityAt(int start) {
    return db.queryLong(
        "SELECT c.chunk_index FROM entities e JOIN chunks c USING (document_id, chunk_id)"
            + " WHERE e.start_offset = "
            + start);
  }
}
