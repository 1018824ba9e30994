package io.docfleet.worker.pipeline;

import io.docfleet.cache.ProviderCache;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.redis.FleetContext;
import io.docfleet.source.DocumentSources;
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
 * recorded, and the prices the spend ledger applies.
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
    ProviderPrices prices) {

  /** A context that prices provider calls at the default prices. */
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
      int maxAttempts,
      ProviderLatencies latencies) {
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
        latencies,
        ProviderPrices.defaults());
  }

  /** A context whose provider latencies are recorded nowhere a worker serves or publishes. */
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
        ProviderLatencies.unpublished());
  }

  DocumentStates states() {
    return new DocumentStates(this);
  }
}
