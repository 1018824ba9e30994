package io.docfleet.api.background;

import io.docfleet.cache.ProviderCache;
import io.docfleet.config.Env;
import io.docfleet.config.FleetConfig;
import io.docfleet.document.Chunk;
import io.docfleet.document.Entity;
import io.docfleet.document.PageText;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.redis.FleetContext;
import io.docfleet.source.DocumentSources;
import io.docfleet.source.FileSource;
import io.docfleet.store.DocumentStore;
import io.docfleet.worker.extraction.DocumentFacts;
import io.docfleet.worker.extraction.EntityExtractor;
import io.docfleet.worker.extraction.RulesEntityExtractor;
import io.docfleet.worker.extraction.RulesStructuredExtractor;
import io.docfleet.worker.extraction.StructuredExtractor;
import io.docfleet.worker.extraction.StructuredInput;
import io.docfleet.worker.extraction.TextChunker;
import io.docfleet.worker.handler.HandlerRegistry;
import io.docfleet.worker.ocr.OcrEngine;
import io.docfleet.worker.ocr.OcrInput;
import io.docfleet.worker.ocr.PdfBoxEngine;
import io.docfleet.worker.ocr.TextractJobSettings;
import io.docfleet.worker.pipeline.Pipeline;
import io.docfleet.worker.pipeline.PipelineContext;
import io.docfleet.worker.provider.ProviderException;
import io.docfleet.worker.runtime.Worker;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real pipeline (local engines) on an in-JVM worker, for the coordinator's tests: documents are
 * text files under {@code root}; every engine call is counted, as a paid provider would bill.
 */
final class TestPipeline {
  final AtomicInteger ocrCalls = new AtomicInteger();
  final AtomicInteger entityCalls = new AtomicInteger();
  final AtomicInteger structuredCalls = new AtomicInteger();
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
    PipelineContext ctx =
        new PipelineContext(
            fleet,
            store,
            new DocumentSources(List.of(new FileSource(List.of(root))), 1 << 20),
            cache,
            new TaskSubmitter(fleet, config.queue()),
            ocr(new PdfBoxEngine()),
            TextractJobSettings.defaults(),
            new TextChunker(400),
            entities(new RulesEntityExtractor()),
            structured(new RulesStructuredExtractor()),
            config.queue().maxAttempts());
    Worker worker = new Worker(fleet, config, Pipeline.register(new HandlerRegistry(), ctx));
    worker.start();
    return worker;
  }

  private OcrEngine ocr(OcrEngine engine) {
    return new OcrEngine() {
      @Override
      public String name() {
        return engine.name();
      }

      @Override
      public String version() {
        return engine.version();
      }

      @Override
      public List<PageText> recognize(OcrInput input) throws ProviderException {
        ocrCalls.incrementAndGet();
        return engine.recognize(input);
      }
    };
  }

  private EntityExtractor entities(EntityExtractor extractor) {
    return new EntityExtractor() {
      @Override
      public String name() {
        return extractor.name();
      }

      @Override
      public String version() {
        return extractor.version();
      }

      @Override
      public List<Entity> extract(Chunk chunk) throws ProviderException {
        entityCalls.incrementAndGet();
        return extractor.extract(chunk);
      }
    };
  }

  private StructuredExtractor structured(StructuredExtractor extractor) {
    return new StructuredExtractor() {
      @Override
      public String name() {
        return extractor.name();
      }

      @Override
      public String version() {
        return extractor.version();
      }

      @Override
      public DocumentFacts extract(StructuredInput input) throws ProviderException {
        structuredCalls.incrementAndGet();
        return extractor.extract(input);
      }
    };
  }
}
