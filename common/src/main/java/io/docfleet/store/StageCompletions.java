package io.docfleet.store;

import io.docfleet.document.Stage;
import io.docfleet.spend.ProviderCall;
import java.util.List;

/**
 * Ends a pipeline stage in the system of record: its results, the engine that computed them, and
 * the document's next status, written together.
 */
public interface StageCompletions {
  /**
   * Writes {@code output} (as the table views would: a rerun writes no row twice), records {@code
   * engine} as the stage's, adds {@code calls} to the spend ledger, and applies {@code next},
   * checked against the transition table.
   *
   * @throws IllegalStatusChangeException when the transition table refuses {@code next}
   * @throws UnknownDocumentException when no document has that id
   */
  DocumentRecord complete(
      String documentId,
      Stage stage,
      StageOutput output,
      StageEngine engine,
      StatusChange next,
      List<ProviderCall> calls);

  /** {@link #complete} for a run that made no provider call and had no cache hit to record. */
  default DocumentRecord complete(
      String documentId, Stage stage, StageOutput output, StageEngine engine, StatusChange next) {
    return complete(documentId, stage, output, engine, next, List.of());
  }

  /**
   * The writes one after another through {@code store}'s table views, each its own transaction: for
   * a store that offers nothing better (a test's wrapper around a real one).
   */
  static StageCompletions oneByOne(DocumentStore store) {
    return (documentId, stage, output, engine, next, calls) -> {
      if (output instanceof StageOutput.Pages p) {
        store.pages().savePages(documentId, p.pages());
        store.chunks().saveChunks(documentId, p.chunks());
      } else if (output instanceof StageOutput.Entities e) {
        store.entities().replaceEntities(documentId, e.extractor(), e.entities());
      } else if (output instanceof StageOutput.Structured s) {
        store.structuredResults().save(s.result());
      }
      store.stageEngines().record(documentId, stage, engine);
      store.providerCalls().record(calls);
      return store.documents().changeStatus(documentId, next);
    };
  }
}
