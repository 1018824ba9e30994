package io.docfleet.tools.demo;

import io.docfleet.worker.pipeline.BatchProgress;
import java.util.List;

/**
 * One round of the pipeline demo: every sample submitted once, and how each document ended; the
 * skipped files (no tesseract) have rows too, and count neither as run nor as failed.
 */
record DemoRound(String name, BatchProgress progress, List<DocumentRow> rows) {

  DemoRound {
    rows = List.copyOf(rows);
  }

  boolean allCompleted() {
    return progress.ended()
        && rows.stream().filter(r -> !r.skipped()).allMatch(DocumentRow::completed);
  }

  long skipped() {
    return rows.stream().filter(DocumentRow::skipped).count();
  }

  long providerCalls() {
    return rows.stream().mapToLong(DocumentRow::providerCalls).sum();
  }

  long cacheHits() {
    return rows.stream().mapToLong(DocumentRow::cacheHits).sum();
  }
}
