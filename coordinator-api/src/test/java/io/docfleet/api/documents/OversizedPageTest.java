package io.docfleet.api.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.docfleet.api.TestCoordinator;
import io.docfleet.cache.CacheSettings;
import io.docfleet.cache.ProviderCache;
import io.docfleet.cache.RedisProviderCache;
import io.docfleet.config.Env;
import io.docfleet.config.FleetConfig;
import io.docfleet.queue.QueueCounter;
import io.docfleet.queue.QueueInspector;
import io.docfleet.queue.TaskAssignments;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.redis.FleetContext;
import io.docfleet.source.DocumentSources;
import io.docfleet.source.FileSource;
import io.docfleet.store.JdbcDocumentStore;
import io.docfleet.worker.extraction.RulesEntityExtractor;
import io.docfleet.worker.extraction.RulesStructuredExtractor;
import io.docfleet.worker.extraction.TextChunker;
import io.docfleet.worker.handler.HandlerRegistry;
import io.docfleet.worker.ocr.OcrEngines;
import io.docfleet.worker.ocr.OcrSettings;
import io.docfleet.worker.ocr.TextractJobSettings;
import io.docfleet.worker.pipeline.Pipeline;
import io.docfleet.worker.pipeline.PipelineContext;
import io.docfleet.worker.runtime.Worker;
import io.docfleet.worker.testing.FakeTesseract;
import io.docfleet.worker.testing.TestDocuments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PDF page too large to render ({@code OCR_MAX_PAGE_PIXELS}) on the real coordinator and an
 * in-JVM pipeline worker ({@code OCR_ENGINE=auto}, a stand-in tesseract): the document ends failed
 * after one attempt, the API shows why, nothing was rendered or sent to tesseract, and the worker
 * goes on reading the next document.
 */
class OversizedPageTest {
  @RegisterExtension static final TestCoordinator api = TestCoordinator.withEnv(Map.of());
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path tools;
  private FakeTesseract tesseract;
  private ProviderCache cache;
  private Worker worker;

  @BeforeEach
  void startAPipelineWorker() {
    api.reset();
    tesseract = FakeTesseract.in(tools);
    Env env =
        new Env(
            Map.of(
                "DOCFLEET_KEY_PREFIX", api.fleet().keys().prefix(),
                "WORKER_ID", "w-oversized",
                "WORKER_TASK_TYPES", "ocr,entities,structured",
                "WORKER_CONCURRENCY", "2",
                "OCR_ENGINE", "auto",
                "TESSERACT_PATH", tesseract.path()));
    FleetConfig config = FleetConfig.fromEnv(env);
    FleetContext fleet =
        new FleetContext(
            api.fleet().redis(), api.fleet().keys(), api.fleet().codec(), Clock.systemUTC());
    cache = new RedisProviderCache(fleet, CacheSettings.defaults()).start();
    PipelineContext pipeline =
        new PipelineContext(
            fleet,
            new JdbcDocumentStore(api.db().dataSource(), Clock.systemUTC()),
            new DocumentSources(List.of(new FileSource(List.of(api.root()))), 1 << 20),
            cache,
            new TaskSubmitter(fleet, config.queue()),
            OcrEngines.create(OcrSettings.fromEnv(env)),
            TextractJobSettings.defaults(),
            new TextChunker(400),
            new RulesEntityExtractor(),
            new RulesStructuredExtractor(),
            config.queue().maxAttempts());
    worker = new Worker(fleet, config, Pipeline.register(new HandlerRegistry(), pipeline));
    worker.start();
  }

  @AfterEach
  void stopTheWorker() {
    worker.drain();
    cache.close();
  }

  private JsonNode submit(String name, byte[] content) throws Exception {
    Path file = Files.write(api.root().resolve(name), content);
    return api.post("/api/v1/documents", "{\"source\":\"" + file.toUri() + "\"}").json();
  }

  private JsonNode awaitStatus(String documentId, String status) {
    await()
        .atMost(WAIT)
        .until(
            () ->
                api.get("/api/v1/documents/" + documentId)
                    .json()
                    .path("status")
                    .asText()
                    .equals(status));
    return api.get("/api/v1/documents/" + documentId).json();
  }

  @Test
  void aPageTooLargeToRenderFailsItsDocumentOnceSayingWhichLimitItCrossed() throws Exception {
    JsonNode submitted = submit("poster.pdf", TestDocuments.blankPdf(7200, 7200));
    String documentId = submitted.get("documentId").asText();
    String taskId = submitted.get("taskId").asText();

    JsonNode document = awaitStatus(documentId, "failed");

    assertThat(document.get("error").asText())
        .contains("page 1 is too large to render for OCR")
        .contains("29999 x 29999 = 899940001 pixels at 300 dpi")
        .contains("over the limit of " + OcrSettings.DEFAULT_MAX_PAGE_PIXELS + " pixels a page")
        .contains("OCR_MAX_PAGE_PIXELS");
    JsonNode dead = api.get("/api/v1/queues/ocr/dead").json();
    assertThat(dead.get("total").asInt()).isOne();
    assertThat(dead.get("entries").get(0).get("id").asText()).isEqualTo(taskId);
    assertThat(dead.get("entries").get(0).get("attempts").asInt()).isOne();
    assertThat(dead.get("entries").get(0).get("error").asText()).contains("OCR_MAX_PAGE_PIXELS");
    assertThat(new TaskAssignments(api.fleet()).read(taskId))
        .containsEntry("status", "dead")
        .containsEntry("attempts", "1");
    assertThat(new QueueInspector(api.fleet()).stats("ocr").counter(QueueCounter.RETRIED)).isZero();
    assertThat(tesseract.imagesRead()).isZero();

    String next = submit("scan.pdf", TestDocuments.blankPdf(595, 842)).get("documentId").asText();
    awaitStatus(next, "completed");
    assertThat(tesseract.imagesRead()).isOne();
  }
}
