package io.docfleet.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.docfleet.config.Env;
import io.docfleet.document.Chunk;
import io.docfleet.document.Entity;
import io.docfleet.document.Stage;
import io.docfleet.queue.DeadLetter;
import io.docfleet.queue.QueueCounter;
import io.docfleet.store.DocumentFile;
import io.docfleet.store.DocumentRecord;
import io.docfleet.task.Task;
import io.docfleet.testing.InJvmS3;
import io.docfleet.testing.SlowTest;
import io.docfleet.testing.TestDatabase;
import io.docfleet.worker.extraction.EntityExtractor;
import io.docfleet.worker.extraction.ExtractionSettings;
import io.docfleet.worker.extraction.Extractors;
import io.docfleet.worker.testing.FakeOpenAi;
import io.docfleet.worker.testing.TestDocuments;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What goes wrong at pipeline level, beyond the missing, corrupt and out-of-roots files of {@link
 * PipelineTest}: a bad input ends its document failed with a message that says what was wrong while
 * the documents beside it complete; a provider's 4xx fails the document for good; its 429, 5xx and
 * timeouts, like a source that answers 503, are retried through the fleet's backoff until the
 * document completes. After each test no document is left unfinished without a task.
 */
@SlowTest
class PipelineFaultsTest {
  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  private static final String CONTRACT =
      "SERVICES AGREEMENT between Acme Holdings, Inc. and Northwind Logistics LLC, made on"
          + " March 3, 2025. The fee is $1,250,000.00 payable to billing@acme.example.";
  private static final String MENTIONS =
      "{\"entities\":[{\"type\":\"ORGANIZATION\",\"text\":\"Acme Holdings, Inc.\"}]}";
  private static final int MAX_BYTES = 8192;

  @TempDir Path inbox;
  private PipelineFleet pipeline;
  private InJvmS3 s3;
  private FakeOpenAi openAi;

  @BeforeEach
  void setUp() throws Exception {
    pipeline = new PipelineFleet(db.dataSource(), inbox);
    s3 = InJvmS3.withTestCredentials();
    openAi = new FakeOpenAi();
    openAi.replyWith(request -> MENTIONS);
  }

  @AfterEach
  void tearDown() {
    pipeline.assertNoDocumentIsStranded();
    pipeline.close();
    s3.close();
    openAi.close();
  }

  /** Starts the worker with sources that reach the inbox and the in-JVM S3. */
  private void startWithLocalEngines() {
    pipeline.start(
        Map.of(
            "DOCFLEET_MAX_DOCUMENT_BYTES",
            Integer.toString(MAX_BYTES),
            "AWS_ENDPOINT_URL_S3",
            s3.endpoint().toString(),
            "AWS_REGION",
            "eu-west-1"));
  }

  /** Starts the worker with the OpenAI entity extractor against the stub. */
  private void startWithOpenAiEntities(Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>();
    env.put("ENTITY_EXTRACTOR", "openai");
    env.put("OPENAI_API_KEY", "sk-test-not-a-real-key");
    env.put("OPENAI_BASE_URL", openAi.baseUrl());
    env.put("RETRY_BACKOFF_BASE", "200ms");
    env.put("RETRY_BACKOFF_MAX", "2s");
    env.put("DELAYED_POLL_INTERVAL", "50ms");
    env.putAll(overrides);
    ExtractionSettings extraction = ExtractionSettings.fromEnv(new Env(env));
    pipeline.entities(Extractors.entityExtractor(extraction)).start(env);
  }

  @Test
  void eachBadInputFailsItsDocumentSayingWhatWasWrongAndTheOthersComplete() throws Exception {
    s3.put("in", "letters/good.txt", TestDocuments.utf8(CONTRACT));
    Map<String, String> sources = new HashMap<>();
    sources.put(
        "d-good-pdf",
        pipeline.file("good.pdf", TestDocuments.textPdf(CONTRACT)).toUri().toString());
    sources.put("d-good-s3", "s3://in/letters/good.txt");
    sources.put("d-empty", pipeline.file("empty.pdf", new byte[0]).toUri().toString());
    sources.put(
        "d-unsupported", pipeline.file("archive.zip", TestDocuments.zip()).toUri().toString());
    sources.put("d-over-size", pipeline.file("huge.txt", oversized()).toUri().toString());
    sources.put("d-no-object", "s3://in/letters/missing.pdf");
    startWithLocalEngines();
    sources.forEach(
        (documentId, source) -> pipeline.submitOcr("t-" + documentId, documentId, source));

    pipeline.awaitStatus("d-good-pdf", "completed");
    pipeline.awaitStatus("d-good-s3", "completed");
    assertFailedSaying("d-empty", "empty file (0 bytes)");
    assertFailedSaying("d-unsupported", "unsupported file type");
    assertFailedSaying(
        "d-over-size", "larger than DOCFLEET_MAX_DOCUMENT_BYTES (" + MAX_BYTES + " bytes)");
    assertFailedSaying("d-no-object", "no such object: s3://in/letters/missing.pdf");

    assertThat(pipeline.store.entities().entities("d-good-s3")).isNotEmpty();
    List<DeadLetter> dead = deadLetters(Stage.OCR);
    assertThat(dead)
        .extracting(DeadLetter::taskId)
        .containsExactlyInAnyOrder(
            "t-d-empty", "t-d-unsupported", "t-d-over-size", "t-d-no-object");
    assertThat(dead).allSatisfy(entry -> assertThat(entry.attempts()).isEqualTo(1));
    assertThat(pipeline.queue(Stage.OCR).counter(QueueCounter.RETRIED)).isZero();
  }

  @Test
  void aSourceThatFailsForAWhileIsRetriedUntilTheDocumentCompletes() throws Exception {
    s3.put("in", "letters/busy.txt", TestDocuments.utf8(CONTRACT));
    s3.failNext(4, 503); // more failures than the SDK's own retries of one read absorb
    pipeline.start(
        Map.of(
            "AWS_ENDPOINT_URL_S3", s3.endpoint().toString(),
            "AWS_REGION", "eu-west-1",
            "RETRY_BACKOFF_BASE", "50ms",
            "DELAYED_POLL_INTERVAL", "50ms"));

    pipeline.submitOcr("t-busy-s3", "d-busy-s3", "s3://in/letters/busy.txt");
    pipeline.awaitStatus("d-busy-s3", "completed");

    assertThat(pipeline.assignment("t-busy-s3"))
        .hasEntrySatisfying("attempts", n -> assertThat(Integer.parseInt(n)).isGreaterThan(1))
        .hasEntrySatisfying("last_error", error -> assertThat(error).contains("S3 answered 503"));
    assertThat(pipeline.queue(Stage.OCR).counter(QueueCounter.RETRIED)).isPositive();
    assertThat(pipeline.store.pages().pages("d-busy-s3")).isNotEmpty();
  }

  @Test
  void aProviderRefusingTheRequestFailsTheDocumentForGoodAndTheNextOneCompletes() throws Exception {
    startWithOpenAiEntities(Map.of());
    openAi.failNext(400, "invalid_request_error", "Invalid schema for response_format");
    pipeline.submitOcr(
        "t-refused", "d-refused", pipeline.file("a.txt", TestDocuments.utf8(CONTRACT)));
    assertFailedSaying("d-refused", "openai: HTTP 400");
    assertThat(pipeline.state("d-refused")).containsEntry("entities_status", "failed");
    assertThat(pipeline.assignment("t-refused>entities")).containsEntry("attempts", "1");

    pipeline.submitOcr(
        "t-next", "d-next", pipeline.file("b.txt", TestDocuments.utf8(CONTRACT + " Signed.")));
    pipeline.awaitStatus("d-next", "completed");
    assertThat(pipeline.store.entities().entities("d-next"))
        .extracting(e -> e.text())
        .contains("Acme Holdings, Inc.");
    assertThat(pipeline.state("d-refused")).containsEntry("status", "failed");
  }

  @Test
  void aThrottledThenFailingProviderIsRetriedWithBackoffUntilTheDocumentCompletes()
      throws Exception {
    startWithOpenAiEntities(Map.of());
    openAi.failNext(429, "rate_limit_exceeded", "Rate limit reached for requests");
    openAi.failNext(503, "server_error", "The server is overloaded");
    pipeline.submitOcr("t-busy", "d-busy", pipeline.file("c.txt", TestDocuments.utf8(CONTRACT)));

    pipeline.awaitStatus("d-busy", "completed");
    assertThat(pipeline.assignment("t-busy>entities"))
        .containsEntry("status", "completed")
        .containsEntry("attempts", "3")
        .hasEntrySatisfying("last_error", error -> assertThat(error).contains("HTTP 503"));
    assertThat(pipeline.queue(Stage.ENTITIES).counter(QueueCounter.RETRIED)).isEqualTo(2);
    assertThat(pipeline.queue(Stage.ENTITIES).dead()).isZero();
    assertThat(openAi.received()).hasSize(3);
    // one OCR call, three entity calls (the failed two were made too), one structured call
    assertThat(pipeline.state("d-busy")).containsEntry("provider_calls", "5");
  }

  @Test
  void aProviderThatTimesOutIsRetriedUntilTheDocumentCompletes() throws Exception {
    startWithOpenAiEntities(Map.of("OPENAI_TIMEOUT", "300ms", "RETRY_BACKOFF_BASE", "1s"));
    openAi.delayNext(Duration.ofMillis(600));
    pipeline.submitOcr("t-slow", "d-slow", pipeline.file("d.txt", TestDocuments.utf8(CONTRACT)));

    pipeline.awaitStatus("d-slow", "completed");
    assertThat(pipeline.assignment("t-slow>entities"))
        .hasEntrySatisfying("attempts", n -> assertThat(Integer.parseInt(n)).isGreaterThan(1));
    assertThat(pipeline.queue(Stage.ENTITIES).counter(QueueCounter.RETRIED)).isPositive();
  }

  @Test
  void anUnexpectedErrorIsRetriedAndOnTheLastAttemptFailsTheDocument() throws Exception {
    pipeline
        .entities(
            new EntityExtractor() {
              @Override
              public String name() {
                return "broken";
              }

              @Override
              public String version() {
                return "1";
              }

              @Override
              public List<Entity> extract(Chunk chunk) {
                throw new IllegalStateException("a bug in the extractor");
              }
            })
        .start(
            Map.of(
                "TASK_MAX_ATTEMPTS", "2",
                "RETRY_BACKOFF_BASE", "10ms",
                "DELAYED_POLL_INTERVAL", "50ms"));
    pipeline.submitOcr("t-bug", "d-bug", pipeline.file("e.txt", TestDocuments.utf8(CONTRACT)));

    assertFailedSaying("d-bug", "entities stage failed: java.lang.IllegalStateException: a bug");
    assertThat(pipeline.assignment("t-bug>entities"))
        .containsEntry("status", "dead")
        .containsEntry("attempts", "2");
  }

  @Test
  void aStageTaskWhoseAttemptsRanOutOnStoppedWorkersFailsItsDocument() throws Exception {
    pipeline.start(Map.of());
    pipeline
        .store
        .documents()
        .register(
            new DocumentFile(
                "d-orphan", "file:///gone.txt", "gone.txt", "text/plain", 1, "0".repeat(64)));
    pipeline.submitter.submit(
        Task.of(
                "t-orphan>entities",
                Stage.ENTITIES.taskType(),
                pipeline.fleet.codec().mapper().createObjectNode().put("documentId", "d-orphan"))
            .withDocumentId("d-orphan")
            .withAttempt(5)); // five workers stopped while running it
    pipeline.trackDocument("d-orphan");

    assertFailedSaying("d-orphan", "gave up after 5 attempts");
    assertThat(pipeline.state("d-orphan")).containsEntry("entities_status", "failed");
  }

  @Test
  void aTaskPushedWithAPathTrickDocumentIdIsDeadLetteredWithoutTouchingAnyDocument()
      throws Exception {
    startWithLocalEngines();
    String source = pipeline.file("good.pdf", TestDocuments.textPdf(CONTRACT)).toUri().toString();
    for (String id : List.of("..", ".")) {
      pipeline.submitter.submit(
          Task.of(
                  "t-dots-" + id.length(),
                  Stage.OCR.taskType(),
                  pipeline
                      .fleet
                      .codec()
                      .mapper()
                      .createObjectNode()
                      .put("source", source)
                      .put("documentId", id))
              .withDocumentId(id));
    }
    // No document id at all: the ocr stage would name one after the task id, here not an id.
    pipeline.submitter.submit(
        Task.of(
            "a/../b",
            Stage.OCR.taskType(),
            pipeline.fleet.codec().mapper().createObjectNode().put("source", source)));
    pipeline.submitOcr("t-good", "d-good", source);

    pipeline.awaitStatus("d-good", "completed");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(deadLetters(Stage.OCR)).hasSize(3));
    assertThat(deadLetters(Stage.OCR))
        .allSatisfy(
            entry -> {
              assertThat(entry.error()).contains("not dots only");
              assertThat(entry.attempts()).isEqualTo(1);
            });
    for (String id : List.of("..", ".", "doc-a/../b")) {
      assertThat(pipeline.store.documents().find(id)).as(id).isEmpty();
      assertThat(pipeline.redis().getKeys().countExists(pipeline.keys().documentState(id)))
          .isZero();
    }
  }

  private void assertFailedSaying(String documentId, String reason) {
    pipeline.awaitStatus(documentId, "failed");
    assertThat(pipeline.state(documentId).get("error")).as(documentId).contains(reason);
    DocumentRecord record = pipeline.store.documents().find(documentId).orElseThrow();
    assertThat(record.status().wireName()).isEqualTo("failed");
    assertThat(record.error())
        .as(documentId)
        .hasValueSatisfying(e -> assertThat(e).contains(reason));
  }

  private List<DeadLetter> deadLetters(Stage stage) {
    return pipeline
        .redis()
        .<String>getList(pipeline.keys().dead(stage.taskType()))
        .readAll()
        .stream()
        .map(json -> DeadLetter.fromJson(pipeline.fleet.codec(), json))
        .toList();
  }

  private static byte[] oversized() {
    return ("Filler line of an over-size document.\n".repeat(MAX_BYTES / 20))
        .getBytes(StandardCharsets.UTF_8);
  }
}
