package io.docfleet.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.docfleet.cache.CacheSettings;
import io.docfleet.cache.ProviderCache;
import io.docfleet.cache.ProviderCaches;
import io.docfleet.config.Env;
import io.docfleet.config.FleetConfig;
import io.docfleet.document.Entity;
import io.docfleet.queue.Task;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.redis.FleetContext;
import io.docfleet.source.DocumentSources;
import io.docfleet.source.FileSource;
import io.docfleet.store.JdbcDocumentStore;
import io.docfleet.testing.TestDatabase;
import io.docfleet.testing.TestRedis;
import io.docfleet.worker.extraction.RulesEntityExtractor;
import io.docfleet.worker.extraction.RulesStructuredExtractor;
import io.docfleet.worker.extraction.TextChunker;
import io.docfleet.worker.handler.HandlerRegistry;
import io.docfleet.worker.ocr.PdfBoxEngine;
import io.docfleet.worker.runtime.Worker;
import io.docfleet.worker.testing.TestDocuments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The three stages on a real worker, Redis and PostgreSQL, with the local engines. */
class PipelineTest {
  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path inbox;
  private String prefix;
  private FleetContext fleet;
  private JdbcDocumentStore store;
  private ProviderCache cache;
  private Worker worker;
  private TaskSubmitter submitter;

  @BeforeEach
  void setUp() throws Exception {
    prefix = TestRedis.uniquePrefix("pipeline");
    fleet = TestRedis.context(prefix, Clock.systemUTC());
    store = new JdbcDocumentStore(db.dataSource(), Clock.systemUTC());
    Map<String, String> env = new HashMap<>();
    env.put("DOCFLEET_KEY_PREFIX", prefix);
    env.put("WORKER_ID", "pipeline-w1");
    env.put("WORKER_TASK_TYPES", "ocr,entities,structured");
    env.put("WORKER_CONCURRENCY", "2");
    env.put("CACHE_TIMEOUT", "5s");
    FleetConfig config = FleetConfig.fromEnv(new Env(env));
    cache = ProviderCaches.open(CacheSettings.fromEnv(new Env(env)), fleet, "pipeline-test");
    submitter = new TaskSubmitter(fleet, config.queue());
    PipelineContext ctx =
        new PipelineContext(
            fleet,
            store,
            new DocumentSources(List.of(new FileSource(List.of(inbox))), 1 << 20),
            cache,
            submitter,
            new PdfBoxEngine(),
            new TextChunker(400),
            new RulesEntityExtractor(),
            new RulesStructuredExtractor(),
            config.queue().maxAttempts());
    worker = new Worker(fleet, config, Pipeline.register(new HandlerRegistry(), ctx));
    worker.start();
  }

  @AfterEach
  void tearDown() {
    worker.drain();
    cache.close();
    TestRedis.deleteKeys(fleet.redis(), prefix);
  }

  private static final String CONTRACT =
      "SERVICES AGREEMENT between Acme Holdings, Inc. and Northwind Logistics LLC, made on"
          + " March 3, 2025. The fee is $1,250,000.00 payable to billing@acme.example.";
  private static final String FILING =
      "UNITED STATES DISTRICT COURT FOR THE SOUTHERN DISTRICT OF NEW YORK. Case No."
          + " 1:24-cv-08812. Plaintiff claims relief under 42 U.S.C. § 1983.";

  private void submitOcr(String taskId, String documentId, Path file) {
    Task task =
        Task.of(
                taskId,
                "ocr",
                fleet
                    .codec()
                    .mapper()
                    .createObjectNode()
                    .put("source", file.toUri().toString())
                    .put("documentId", documentId))
            .withDocumentId(documentId);
    submitter.submit(task);
  }

  private Map<String, String> state(String documentId) {
    return fleet
        .redis()
        .<String, String>getMap(fleet.keys().documentState(documentId))
        .readAllMap();
  }

  private void awaitStatus(String documentId, String status) {
    await().atMost(WAIT).until(() -> status.equals(state(documentId).get("status")));
  }

  @Test
  void documentsGoThroughEveryStageAndRepeatedContentCostsNoProviderCall() throws Exception {
    Path contract = Files.write(inbox.resolve("contract.pdf"), TestDocuments.textPdf(CONTRACT));
    Path filing = Files.write(inbox.resolve("filing.txt"), TestDocuments.utf8(FILING));
    submitOcr("t-contract", "d-contract", contract);
    submitOcr("t-filing", "d-filing", filing);
    awaitStatus("d-contract", "completed");
    awaitStatus("d-filing", "completed");

    assertThat(state("d-contract"))
        .containsEntry("progress", "100")
        .containsEntry("ocr_status", "done")
        .containsEntry("entities_status", "done")
        .containsEntry("structured_status", "done");
    assertThat(store.documents().find("d-contract").orElseThrow().status().wireName())
        .isEqualTo("completed");
    assertThat(store.pages().pages("d-contract")).hasSize(1);
    List<Entity> entities = store.entities().entities("d-contract");
    assertThat(entities)
        .extracting(Entity::type)
        .contains("organization", "date", "money", "email");
    String text =
        io.docfleet.worker.extraction.DocumentText.of(store.pages().pages("d-contract")).text();
    for (Entity entity : entities) {
      assertThat(text.substring(entity.start(), entity.end())).isEqualTo(entity.text());
    }
    assertThat(store.entities().entities("d-filing"))
        .extracting(Entity::type)
        .contains("court", "case_number", "statute");
    assertThat(store.structuredResults().latest("d-contract", "rules")).isPresent();
    long firstCalls = Long.parseLong(state("d-contract").get("provider_calls"));
    assertThat(firstCalls).isPositive();

    // the same bytes as new documents: every stage is answered from the cache
    Path copy = Files.write(inbox.resolve("contract-copy.pdf"), Files.readAllBytes(contract));
    submitOcr("t-copy", "d-copy", copy);
    awaitStatus("d-copy", "completed");
    assertThat(state("d-copy")).containsEntry("provider_calls", "0");
    assertThat(Long.parseLong(state("d-copy").get("cache_hits"))).isPositive();
    assertThat(store.entities().entities("d-copy")).hasSameSizeAs(entities);
  }

  @Test
  void badInputEndsTheDocumentFailedWithAMessage() throws Exception {
    Path corrupt = Files.write(inbox.resolve("broken.pdf"), TestDocuments.corruptPdf());
    submitOcr("t-missing", "d-missing", inbox.resolve("nope.pdf"));
    submitOcr("t-corrupt", "d-corrupt", corrupt);
    submitOcr("t-outside", "d-outside", Path.of("/etc/hostname"));

    awaitStatus("d-missing", "failed");
    awaitStatus("d-corrupt", "failed");
    awaitStatus("d-outside", "failed");

    assertThat(state("d-missing").get("error")).contains("no such file");
    assertThat(state("d-outside").get("error")).contains("outside the allowed roots");
    assertThat(state("d-corrupt").get("error")).isNotBlank();
    assertThat(store.documents().find("d-corrupt").orElseThrow().error()).isPresent();
    assertThat(fleet.redis().getList(fleet.keys().dead("ocr")).size()).isEqualTo(3);
  }
}
