package io.docfleet.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.docfleet.cache.CacheInspector;
import io.docfleet.cache.CacheMetricsSnapshot;
import io.docfleet.cache.CacheType;
import io.docfleet.cache.RedisProviderCache;
import io.docfleet.document.Entity;
import io.docfleet.localservers.LocalRedis;
import io.docfleet.queue.QueueCounter;
import io.docfleet.store.JdbcDocumentStore;
import io.docfleet.task.Task;
import io.docfleet.testing.PrometheusText;
import io.docfleet.testing.SlowTest;
import io.docfleet.testing.TestDatabase;
import io.docfleet.worker.testing.CountingEngines;
import io.docfleet.worker.testing.TestDocuments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.client.codec.StringCodec;

/**
 * The three stages on a real worker, Redis and PostgreSQL, with the local engines ({@link
 * PipelineOnClusterTest} runs the same cases on a Redis Cluster).
 */
@SlowTest
class PipelineTest {
  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();
  private static final Duration WAIT = PipelineFleet.WAIT;

  @TempDir Path inbox;
  PipelineFleet pipeline;
  private JdbcDocumentStore store;
  private CountingEngines engines;

  /** The fleet under test: on the shared single Redis here; a subclass picks another Redis. */
  PipelineFleet fleet(Path inbox) {
    return new PipelineFleet(db.dataSource(), inbox);
  }

  @BeforeEach
  void setUp() {
    pipeline = fleet(inbox);
    store = pipeline.store;
    engines = pipeline.engines;
  }

  private void start(Map<String, String> overrides) {
    pipeline.start(overrides);
  }

  @AfterEach
  void tearDown() {
    pipeline.assertNoDocumentIsStranded();
    pipeline.close();
  }

  private static final String CONTRACT =
      "SERVICES AGREEMENT between Acme Holdings, Inc. and Northwind Logistics LLC, made on"
          + " March 3, 2025. The fee is $1,250,000.00 payable to billing@acme.example.";
  private static final String FILING =
      "UNITED STATES DISTRICT COURT FOR THE SOUTHERN DISTRICT OF NEW YORK. Case No."
          + " 1:24-cv-08812. Plaintiff claims relief under 42 U.S.C. § 1983.";

  private void submitOcr(String taskId, String documentId, Path file) {
    pipeline.submitOcr(taskId, documentId, file);
  }

  private Task ocrTask(String taskId, String documentId, Path file) {
    return pipeline.ocrTask(taskId, documentId, file.toUri().toString());
  }

  private Map<String, String> state(String documentId) {
    return pipeline.state(documentId);
  }

  private void awaitStatus(String documentId, String status) {
    pipeline.awaitStatus(documentId, status);
  }

  /** Runs of a stage's handler that the worker timed. */
  private double timedRuns(String stage) {
    return PrometheusText.parse(pipeline.metrics.scrape())
        .histogram("docfleet_worker_task_duration_seconds", "type", stage)
        .count();
  }

  /** Runs of a stage's handler as its queue counted how they ended. */
  private long runs(String stage) {
    Map<String, String> counters =
        pipeline
            .redis()
            .<String, String>getMap(pipeline.keys().stats(stage), StringCodec.INSTANCE)
            .readAllMap();
    long runs = 0;
    for (QueueCounter ending :
        List.of(
            QueueCounter.COMPLETED,
            QueueCounter.STALE,
            QueueCounter.FAILED,
            QueueCounter.POLLS_SCHEDULED)) {
      runs += Long.parseLong(counters.getOrDefault(ending.wireName(), "0"));
    }
    return runs;
  }

  @Test
  void documentsGoThroughEveryStageAndRepeatedContentCostsNoProviderCall() throws Exception {
    start(Map.of());
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

    // each chunk looked up counts once in the cache's metrics: a miss when computed, else a hit
    assertThat(((RedisProviderCache) pipeline.cache()).flushMetrics()).isTrue();
    CacheMetricsSnapshot chunkLookups =
        new CacheInspector(pipeline.fleet).metrics(CacheType.ENTITIES);
    int computedChunks =
        store.chunks().chunks("d-contract").size() + store.chunks().chunks("d-filing").size();
    assertThat(chunkLookups.misses()).isEqualTo(computedChunks);
    assertThat(chunkLookups.hits()).isEqualTo(store.chunks().chunks("d-copy").size());
  }

  @Test
  void badInputEndsTheDocumentFailedWithAMessage() throws Exception {
    start(Map.of());
    Path corrupt = Files.write(inbox.resolve("broken.pdf"), TestDocuments.corruptPdf());
    submitOcr("t-missing", "d-missing", inbox.resolve("nope.pdf"));
    submitOcr("t-corrupt", "d-corrupt", corrupt);
    submitOcr("t-outside", "d-outside", Path.of("/etc/hostname"));

    awaitStatus("d-missing", "failed");
    awaitStatus("d-corrupt", "failed");
    awaitStatus("d-outside", "failed");

    assertThat(state("d-missing").get("error")).contains("no such file");
    assertThat(state("d-outside").get("error")).contains("outside the allowed roots");
    assertThat(state("d-corrupt").get("error")).contains("corrupt PDF");
    assertThat(store.documents().find("d-corrupt").orElseThrow().error()).isPresent();
    assertThat(pipeline.redis().getList(pipeline.keys().dead("ocr")).size()).isEqualTo(3);
  }

  @Test
  void fiftyDocumentsWithTheSameContentAtOnceCostOneCallPerStage() throws Exception {
    byte[] contract = TestDocuments.textPdf(CONTRACT);
    for (int i = 0; i < 50; i++) {
      Files.write(inbox.resolve("upload-" + i + ".pdf"), contract);
    }
    List<Task> tasks = new java.util.ArrayList<>();
    for (int i = 0; i < 50; i++) {
      tasks.add(ocrTask("t-" + i, "d-" + i, inbox.resolve("upload-" + i + ".pdf")));
    }
    pipeline.submitter.submitAll(tasks);
    start(Map.of("WORKER_CONCURRENCY", "8"));

    for (int i = 0; i < 50; i++) {
      awaitStatus("d-" + i, "completed");
    }

    assertThat(engines.ocrCalls).hasValue(1);
    assertThat(engines.entityCalls).hasValue(1); // the contract is one chunk
    assertThat(engines.structuredCalls).hasValue(1);
    assertThat(store.entities().entities("d-49")).hasSameSizeAs(store.entities().entities("d-0"));
    // the worker timed exactly the calls the engines saw, and every run of each stage
    for (String stage : List.of("ocr", "entities", "structured")) {
      await().atMost(Duration.ofSeconds(30)).until(() -> timedRuns(stage) == runs(stage));
      assertThat(runs(stage)).as(stage).isGreaterThanOrEqualTo(50);
      PrometheusText metrics = PrometheusText.parse(pipeline.metrics.scrape());
      String calls = "docfleet_worker_provider_call_duration_seconds";
      assertThat(metrics.histogram(calls, "operation", stage).count()).as(stage).isEqualTo(1);
    }
  }

  @Test
  void withTheCacheSwitchedOffNoCacheKeyIsWrittenAndResultsAreTheSame() throws Exception {
    start(Map.of("REDIS_ENABLE_OPTIMIZATION", "false"));
    Path contract = Files.write(inbox.resolve("contract.pdf"), TestDocuments.textPdf(CONTRACT));
    submitOcr("t-a", "d-a", contract);
    submitOcr("t-b", "d-b", contract);
    awaitStatus("d-a", "completed");
    awaitStatus("d-b", "completed");

    assertThat(engines.ocrCalls).hasValue(2);
    assertThat(store.entities().entities("d-b")).hasSameSizeAs(store.entities().entities("d-a"));
    assertThat(pipeline.redis().getKeys().getKeysByPattern(pipeline.prefix + "cache:*")).isEmpty();
    assertThat(pipeline.redis().getKeys().getKeysByPattern(pipeline.prefix + "doc:ocr:*"))
        .isEmpty();
    assertThat(pipeline.redis().getKeys().getKeysByPattern(pipeline.prefix + "doc:entities:*"))
        .isEmpty();
    assertThat(pipeline.redis().getKeys().getKeysByPattern(pipeline.prefix + "doc:index:*"))
        .isEmpty();
    // document state is not cache: the API and the dashboard read it whatever the setting
    assertThat(state("d-a")).containsEntry("status", "completed");
  }

  @Test
  void aDocumentWhoseContentChangedCallsTheProvidersAgainEvenForItsUnchangedText()
      throws Exception {
    start(Map.of());
    String unchanged = CONTRACT + " " + CONTRACT;
    Path file = pipeline.file("contract.txt", TestDocuments.utf8(unchanged + "\n\n" + FILING));
    submitOcr("t-1", "d-1", file);
    awaitStatus("d-1", "completed");
    assertThat(store.chunks().chunks("d-1"))
        .as("the first paragraph is a chunk of its own")
        .hasSize(2)
        .first()
        .satisfies(chunk -> assertThat(chunk.text()).isEqualTo(unchanged));
    assertThat(engines.entityCalls).hasValue(2);

    // the same document, its last paragraph amended: its first chunk's text is the same
    pipeline.file("contract.txt", TestDocuments.utf8(unchanged + "\n\n" + FILING + " Amended."));
    submitOcr("t-2", "d-1", file);
    await().atMost(WAIT).until(() -> engines.structuredCalls.get() == 2);
    awaitStatus("d-1", "completed");

    assertThat(engines.ocrCalls).hasValue(2);
    assertThat(engines.entityCalls).as("both chunks, the unchanged one too").hasValue(4);
    assertThat(store.chunks().chunks("d-1").get(0).text()).isEqualTo(unchanged);
    assertThat(store.chunks().chunks("d-1").get(1).text()).endsWith("Amended.");
  }

  @Test
  void invalidatingADocumentMakesItsNextRunCallAgain() throws Exception {
    start(Map.of());
    Path contract = Files.write(inbox.resolve("contract.pdf"), TestDocuments.textPdf(CONTRACT));
    submitOcr("t-1", "d-1", contract);
    awaitStatus("d-1", "completed");
    assertThat(engines.ocrCalls).hasValue(1);

    assertThat(pipeline.cache().invalidate("d-1")).isPositive();
    submitOcr("t-2", "d-1", contract);
    await().atMost(WAIT).until(() -> engines.structuredCalls.get() == 2);
    awaitStatus("d-1", "completed");

    assertThat(engines.ocrCalls).hasValue(2);
  }

  @Test
  void documentsStillFinishWhenTheCacheRedisGoesAway() throws Exception {
    try (LocalRedis cacheRedis = LocalRedis.startPrivate()) {
      start(Map.of("REDIS_CACHE_URL", cacheRedis.url(), "CACHE_TIMEOUT", "200ms"));
      Path contract = Files.write(inbox.resolve("contract.pdf"), TestDocuments.textPdf(CONTRACT));
      submitOcr("t-before", "d-before", contract);
      awaitStatus("d-before", "completed");

      cacheRedis.stop(true);
      submitOcr("t-after", "d-after", contract);
      awaitStatus("d-after", "completed");

      assertThat(store.entities().entities("d-after"))
          .hasSameSizeAs(store.entities().entities("d-before"));
      assertThat(engines.ocrCalls).hasValue(2); // the cache was gone, so the provider was asked
    }
  }
}
