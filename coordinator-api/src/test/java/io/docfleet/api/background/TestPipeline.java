package io.docfleet.api.background;

import io.docfleet.cache.ProviderCache;
import io.docfleet.config.Env;
import io.docfleet.config.FleetConfig;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.redis.FleetContext;
import io.docfleet.source.DocumentSources;
import io.docfleet.source.FileSource;
import io.docfleet.store.DocumentStore;
import io.docfleet.worker.extraction.RulesEntityExtractor;
import io.docfleet.worker.extraction.RulesStructuredExtractor;
import io.docfleet.worker.extraction.TextChunker;
import io.docfleet.worker.handler.HandlerRegistry;
import io.docfleet.worker.ocr.PdfBoxEngine;
import io.docfleet.worker.ocr.TextractJobSettings;
import io.docfleet.worker.pipeline.Pipeline;
import io.docfleet.worker.pipeline.PipelineContext;
import io.docfleet.worker.runtime.Worker;
import io.docfleet.worker.testing.CountingEngines;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The real pipeline (local engines) on an in-JVM worker, for the coordinator's tests: documents are
 * text files under {@code root}; every engine call is counted, as a paid provider would bill.
 */
final class TestPipeline {
  final CountingEngines engines = new CountingEngines();
  private final FleetContext fleet;
  private final DocumentStore store;
  private final ProviderCache cache;
  private final Path root;

  TestPipeline(FleetContext fleet, DocumentStore store, ProviderCache cache, Path root) {
    this.fleet = fleet;
    this.store = store;
    this.cache = cache;
    this.root = root;
  }

  /** A started worker serving {@code types} (comma list). */
  Worker worker(String id, String types) {
    FleetConfig config =
        FleetConfig.fromEnv(
            new Env(
                Map.of(
                    "DOCFLEET_KEY_PREFIX",
                    fleet.keys().prefix(),
                    "WORKER_ID",
                    id,
                    "WORKER_TASK_TYPES",
                    types,
                    "WORKER_CONCURRENCY",
                    "2")));
    PipelineContext pipeline =
        new PipelineContext(
            fleet,
            store,
            new DocumentSources(List.of(new FileSource(List.of(root))), 1 << 20),
            cache,
            new TaskSubmitter(fleet, config.queue()),
            engines.ocr(new PdfBoxEngine()),
            TextractJobSettings.defaults(),
            new TextChunker(400),
            engines.entities(new RulesEntityExtractor()),
            engines.structured(new RulesStructuredExtractor()),
            config.queue().maxAttempts());
    Worker worker = new Worker(fleet, config, Pipeline.register(new HandlerRegistry(), pipeline));
    worker.start();
    return worker;
  }
}
