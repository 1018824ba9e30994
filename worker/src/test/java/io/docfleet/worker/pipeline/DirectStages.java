package io.docfleet.worker.pipeline;

import io.docfleet.cache.DisabledProviderCache;
import io.docfleet.cache.ProviderCache;
import io.docfleet.config.Env;
import io.docfleet.config.FleetConfig;
import io.docfleet.document.Stage;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.redis.FleetContext;
import io.docfleet.source.DocumentSources;
import io.docfleet.source.SourceSettings;
import io.docfleet.store.JdbcDocumentStore;
import io.docfleet.task.Task;
import io.docfleet.worker.extraction.EntityExtractor;
import io.docfleet.worker.extraction.RulesEntityExtractor;
import io.docfleet.worker.extraction.RulesStructuredExtractor;
import io.docfleet.worker.extraction.TextChunker;
import io.docfleet.worker.handler.HandlerRegistry;
import io.docfleet.worker.handler.TaskOutcome;
import io.docfleet.worker.ocr.OcrEngine;
import io.docfleet.worker.ocr.PdfBoxEngine;
import io.docfleet.worker.ocr.TextractJobSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The pipeline's stage handlers on a fleet and a schema the test gives, each run by calling {@link
 * #handle} on the test's thread: no worker, no claim loop, so a test sees the outcome a run hands
 * the runtime. PDFBox and the rules extractors (or the test's entity extractor), the provider cache
 * switched off unless the test gives one, and {@code inbox} as the only {@code file://} root.
 */
final class DirectStages {
  static final int MAX_ATTEMPTS = 3;

  final FleetContext fleet;
  final JdbcDocumentStore store;
  private final Path inbox;
  private OcrEngine ocr = new PdfBoxEngine();
  private EntityExtractor entities = new RulesEntityExtractor();
  private ProviderCache cache = new DisabledProviderCache();

  DirectStages(FleetContext fleet, DataSource dataSource, Path inbox) {
    this.fleet = fleet;
    this.store = new JdbcDocumentStore(dataSource, Clock.systemUTC());
    this.inbox = inbox;
  }

  DirectStages ocr(OcrEngine engine) {
    this.ocr = engine;
    return this;
  }

  DirectStages entities(EntityExtractor extractor) {
    this.entities = extractor;
    return this;
  }

  DirectStages cache(ProviderCache providerCache) {
    this.cache = providerCache;
    return this;
  }

  PipelineContext context() {
    return new PipelineContext(
        fleet,
        store,
        DocumentSources.from(
            SourceSettings.fromEnv(new Env(Map.of("DOCFLEET_FILE_ROOTS", inbox.toString())))),
        cache,
        new TaskSubmitter(fleet, FleetConfig.QueueSettings.defaults()),
        ocr,
        TextractJobSettings.defaults(),
        new TextChunker(400),
        entities,
        new RulesStructuredExtractor(),
        MAX_ATTEMPTS);
  }

  /** Runs the task once through its stage's handler, as a worker that claimed it would. */
  TaskOutcome handle(Task task) throws Exception {
    return Pipeline.register(new HandlerRegistry(), context())
        .find(task.type())
        .orElseThrow()
        .handle(task);
  }

  /** The {@code ocr} task that reads {@code file} as the document {@code documentId}. */
  Task ocrTask(String documentId, Path file) {
    return stageTask(Stage.OCR, documentId)
        .withPayload(
            fleet
                .codec()
                .mapper()
                .createObjectNode()
                .put("documentId", documentId)
                .put("source", file.toUri().toString()));
  }

  /** The task of {@code stage} for the document, as the stage before it queues it. */
  Task stageTask(Stage stage, String documentId) {
    return Task.of(
            "t-" + documentId + ">" + stage.taskType(),
            stage.taskType(),
            fleet.codec().mapper().createObjectNode().put("documentId", documentId))
        .withDocumentId(documentId);
  }
}
