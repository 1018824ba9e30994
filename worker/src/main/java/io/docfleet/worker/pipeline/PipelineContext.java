package io.docfleet.worker.pipeline;

import io.docfleet.cache.ProviderCache;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.redis.FleetContext;
import io.docfleet.source.DocumentSources;
import io.docfleet.spend.BudgetSettings;
import io.docfleet.spend.ProviderPrices;
import io.docfleet.store.DocumentStore;
import io.docfleet.worker.extraction.EntityExtractor;
import io.docfleet.worker.extraction.StructuredExtractor;
import io.docfleet.worker.extraction.TextChunker;
import io.docfleet.worker.metrics.ProviderLatencies;
import io.docfleet.worker.ocr.OcrEngine;
import io.docfleet.worker.ocr.TextractJobSettings;

/**
 * What the pipeline's stages share: where documents come from and go, the engines (and how the
 * {@code ocr} stage waits for an engine's jobs), the cache, where provider call latencies are
 * recorded, the prices the spend ledger applies, and the fleet's budgets.
 */
public record PipelineContext(
    FleetContext fleet,
    DocumentStore store,
    DocumentSources sources,
    ProviderCache cache,
    TaskSubmitter submitter,
    OcrEngine ocr,
    TextractJobSettings ocrJobs,
    TextChunker chunker,
    EntityExtractor entities,
    StructuredExtractor structured,
    int maxAttempts,
    ProviderLatencies latencies,
    ProviderPrices prices,
    BudgetSettings budgets) {

  /**
   * A context whose provider latencies are recorded nowhere a worker serves or publishes, that
   * prices calls at the default prices and has no fleet budget (groups' budgets still hold); {@link
   * #withLatencies} changes where latencies go.
   */
  public PipelineContext(
      FleetContext fleet,
      DocumentStore store,
      DocumentSources sources,
      ProviderCache cache,
      TaskSubmitter submitter,
      OcrEngine ocr,
      TextractJobSettings ocrJobs,
      TextChunker chunker,
      EntityExtractor entities,
      StructuredExtractor structured,
      int maxAttempts) {
    this(
        fleet,
        store,
        sources,
        cache,
        submitter,
        ocr,
        ocrJobs,
        chunker,
        entities,
        structured,
        maxAttempts,
        ProviderLatencies.unpublished(),
        ProviderPrices.defaults(),
        BudgetSettings.NONE);
  }

  /** This context, its provider latencies recorded in {@code newLatencies}. */
  public PipelineContext withLatencies(ProviderLatencies newLatencies) {
    return new PipelineContext(
        fleet,
        store,
        sources,
        cache,
        submitter,
        ocr,
        ocrJobs,
        chunker,
        entities,
        structured,
        maxAttempts,
        newLatencies,
        prices,
        budgets);
  }

  /** The check a paid provider call passes first: no budget of the run's reached. */
  BudgetGate budgetGate() {
    return new BudgetGate(fleet, budgets);
  }

  DocumentStates states() {
    return new DocumentStates(this);
  }
}
