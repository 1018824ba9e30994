package io.docfleet.store;

/**
 * The system of record, one narrow view per table: each stage depends on the view it writes ({@code
 * store.pages()} for OCR, {@code store.entities()} for entity extraction...), so an implementation
 * is swapped, or faked in a unit test, one table at a time.
 */
public interface DocumentStore {
  Documents documents();

  DocumentQueries documentQueries();

  PageStore pages();

  ChunkStore chunks();

  EntityStore entities();

  StructuredResultStore structuredResults();

  TextractJobStore textractJobs();

  StageEngineStore stageEngines();

  /** The spend ledger. */
  ProviderCallStore providerCalls();

  /**
   * Ends a stage: results, engine and status together. By default one write after another through
   * the views above; the JDBC store does it in one transaction.
   */
  default StageCompletions stageCompletions() {
    return StageCompletions.oneByOne(this);
  }
}
