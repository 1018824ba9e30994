package io.docfleet.tools.demo;

import io.docfleet.store.JdbcDocumentStore;
import io.docfleet.worker.pipeline.DocumentBatch;
import io.docfleet.worker.pipeline.DocumentBatch.Submitted;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The rows of a pipeline demo round's table: each document as the store and Redis tell it. */
final class RoundRows {
  private RoundRows() {}

  /** A row per submitted document and per {@code skipped} file, by file name. */
  static List<DocumentRow> read(DocumentBatch batch, JdbcDocumentStore store, List<Path> skipped) {
    List<Map<String, String>> states = batch.states();
    List<DocumentRow> rows = new ArrayList<>();
    for (int i = 0; i < batch.documents().size(); i++) {
      Submitted document = batch.documents().get(i);
      rows.add(
          DocumentRow.of(
              document,
              states.get(i),
              store.pages().pages(document.documentId()),
              store.entities().entities(document.documentId()),
              batch.submittedAt()));
    }
    skipped.forEach(file -> rows.add(DocumentRow.skipped(file)));
    rows.sort(Comparator.comparing(DocumentRow::file));
    return rows;
  }
}
