package io.docfleet.store;

import static io.docfleet.testing.TestDocuments.aDocument;
import static io.docfleet.testing.TestDocuments.renamed;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.document.DocumentStatus;
import io.docfleet.document.Stage;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console's search of the documents table: newest first, every part optional, text matched
 * literally as an id prefix or a name part, and a count of all that match.
 */
class DocumentSearchTest {
  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  private final SettableClock clock = new SettableClock();
  private JdbcDocumentStore store;
  private Instant first;

  @BeforeEach
  void fourDocumentsOneSecondApart() {
    db.clear();
    store = new JdbcDocumentStore(db.dataSource(), clock);
    first = clock.instant();
    register(renamed(aDocument("inv-1"), "Invoice 100%.pdf"));
    register(renamed(aDocument("inv-2"), "a_b.pdf"));
    register(renamed(aDocument("memo"), "ab\\c.pdf"));
    register(renamed(aDocument("x-inv"), "O'Brien.pdf"));
    store.documents().changeStatus("memo", StatusChange.failed(Stage.OCR, "bad", 1));
  }

  private void register(DocumentFile file) {
    store.documents().registerNew(file);
    clock.advance(Duration.ofSeconds(1));
  }

  private static DocumentSearch text(String text) {
    return new DocumentSearch(
        Optional.of(text), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  private List<String> ids(DocumentSearch search) {
    return store.documentQueries().search(search, 0, 100).documents().stream()
        .map(DocumentRecord::id)
        .toList();
  }

  @Test
  void everythingNewestFirstWithTheTotalOfEachPage() {
    assertThat(ids(DocumentSearch.all())).containsExactly("x-inv", "memo", "inv-2", "inv-1");
    DocumentSearch.Page page = store.documentQueries().search(DocumentSearch.all(), 1, 2);
    assertThat(page.total()).isEqualTo(4);
    assertThat(page.documents()).extracting(DocumentRecord::id).containsExactly("memo", "inv-2");
    DocumentSearch.Page past = store.documentQueries().search(DocumentSearch.all(), 4, 2);
    assertThat(past).isEqualTo(new DocumentSearch.Page(4, List.of()));
  }

  @Test
  void textIsAnIdPrefixOrANamePartTakenLiterally() {
    assertThat(ids(text("INV"))).containsExactly("inv-2", "inv-1");
    assertThat(ids(text("invoice"))).containsExactly("inv-1");
    assertThat(ids(text("%"))).containsExactly("inv-1");
    assertThat(ids(text("_"))).containsExactly("inv-2");
    assertThat(ids(text("\\"))).containsExactly("memo");
    assertThat(ids(text("b\\c"))).containsExactly("memo");
    assertThat(ids(text("'"))).containsExactly("x-inv");
    assertThat(ids(text("' OR 1=1 --"))).isEmpty();
    assertThat(JdbcDocumentSearch.literal("a%b_c\\d")).isEqualTo("a\\%b\\_c\\\\d");
  }

  @Test
  void statusSourceAndCreationTimeNarrowIt() {
    DocumentSearch failed =
        new DocumentSearch(
            Optional.empty(),
            Optional.of(DocumentStatus.FAILED),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    assertThat(ids(failed)).containsExactly("memo");
    DocumentSearch bySource =
        new DocumentSearch(
            Optional.empty(),
            Optional.empty(),
            Optional.of("s3://inbox/inv-"),
            Optional.empty(),
            Optional.empty());
    assertThat(ids(bySource)).containsExactly("inv-2", "inv-1");
    DocumentSearch window =
        new DocumentSearch(
            Optional.of("i"),
            Optional.empty(),
            Optional.empty(),
            Optional.of(first.plusSeconds(1)),
            Optional.of(first.plusSeconds(3)));
    assertThat(ids(window)).containsExactly("inv-2");
  }
}
