package io.docfleet.api.documents;

import static io.docfleet.api.TestCoordinator.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.docfleet.api.TestCoordinator;
import io.docfleet.api.TestCoordinator.Answer;
import io.docfleet.document.DocumentStatus;
import io.docfleet.document.Stage;
import io.docfleet.events.DocumentEvent;
import io.docfleet.store.DocumentRecord;
import io.docfleet.store.StatusChange;
import io.docfleet.task.Task;
import io.docfleet.testing.TestDocuments;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RTopic;
import org.redisson.client.codec.StringCodec;
import org.slf4j.LoggerFactory;

/** {@code /api/v1/documents} against the real Redis and PostgreSQL. */
class DocumentsApiTest {
  @RegisterExtension static final TestCoordinator api = TestCoordinator.withEnv(Map.of());

  private Path sample;

  @BeforeEach
  void aFileUnderTheRoot() throws Exception {
    api.reset();
    sample = api.root().resolve("contract.txt");
    Files.writeString(sample, "This agreement is made between Acme and Globex.");
  }

  private String sourceBody() {
    return "{\"source\":\"" + sample.toUri() + "\"}";
  }

  private List<String> readyOcrTasks() {
    return api.fleet().redis().<String>getList(api.fleet().keys().ready("ocr")).readAll();
  }

  private DocumentRecord record(String id) {
    return api.context().store().documents().find(id).orElseThrow();
  }

  @Test
  void aSourceIsRegisteredAsQueuedAndItsOcrTaskQueued() throws Exception {
    Answer answer = api.post("/api/v1/documents", sourceBody());

    assertThat(answer.status()).isEqualTo(202);
    String id = answer.json().get("documentId").asText();
    assertThat(id).startsWith("doc-");
    assertThat(answer.header("Location")).isEqualTo("/api/v1/documents/" + id);
    assertThat(answer.json().get("status").asText()).isEqualTo("queued");
    DocumentRecord record = record(id);
    assertThat(record.status()).isEqualTo(DocumentStatus.QUEUED);
    assertThat(record.stage()).isEqualTo(Stage.OCR);
    assertThat(record.file().name()).isEqualTo("contract.txt");
    List<String> tasks = readyOcrTasks();
    assertThat(tasks).hasSize(1);
    Task task = api.fleet().codec().decode(tasks.get(0));
    assertThat(task.id()).isEqualTo(answer.json().get("taskId").asText());
    assertThat(task.documentId()).isEqualTo(id);
    assertThat(task.payload().get("source").asText())
        .isEqualTo(sample.toRealPath().toUri().toString());
    assertThat(task.payload().get("documentId").asText()).isEqualTo(id);
  }

  @Test
  void aSubmissionIsAnnouncedOnTheDocumentEventsChannel() throws Exception {
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    RTopic channel =
        api.fleet().redis().getTopic(api.fleet().keys().documentEvents(), StringCodec.INSTANCE);
    int listener = channel.addListener(String.class, (name, message) -> events.add(message));
    try {
      String id = api.post("/api/v1/documents", sourceBody()).json().get("documentId").asText();

      // the channel is the fleet's: an event of an earlier test's document may still come first
      DocumentEvent parsed = null;
      while (parsed == null || !parsed.documentId().equals(id)) {
        String event = events.poll(10, TimeUnit.SECONDS);
        assertThat(event).as("an event of document " + id).isNotNull();
        parsed = DocumentEvent.fromJson(api.fleet().codec().mapper(), event);
      }
      assertThat(parsed.status()).isEqualTo("queued");
      assertThat(parsed.stage()).isEqualTo("ocr");
    } finally {
      channel.removeListener(listener);
    }
  }

  @Test
  void theSameIdempotencyKeyTwiceGivesTheSameDocumentAndQueuesOneTask() {
    Answer first =
        api.request("POST", "/api/v1/documents")
            .token(TOKEN)
            .header("Idempotency-Key", "k-1")
            .json(sourceBody())
            .send();
    Answer second =
        api.request("POST", "/api/v1/documents")
            .token(TOKEN)
            .header("Idempotency-Key", "k-1")
            .json(sourceBody())
            .send();

    assertThat(first.status()).isEqualTo(202);
    assertThat(second.status()).isEqualTo(202);
    assertThat(second.json().get("documentId")).isEqualTo(first.json().get("documentId"));
    assertThat(second.header("Location")).isEqualTo(first.header("Location"));
    assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(readyOcrTasks()).hasSize(1);
    assertThat(api.db().count("documents")).isEqualTo(1);
  }

  @Test
  void anIdempotencyKeyReusedForAnotherRequestIsRefused() {
    api.request("POST", "/api/v1/documents")
        .token(TOKEN)
        .header("Idempotency-Key", "k-2")
        .json(sourceBody())
        .send();

    Answer other =
        api.request("POST", "/api/v1/documents")
            .token(TOKEN)
            .header("Idempotency-Key", "k-2")
            .json("{\"source\":\"s3://inbox/other.pdf\"}")
            .send();

    assertThat(other.status()).isEqualTo(422);
    assertThat(other.json().get("field").asText()).isEqualTo("Idempotency-Key");
  }

  @Test
  void aFailedFirstRequestFreesItsIdempotencyKey() {
    Answer bad =
        api.request("POST", "/api/v1/documents")
            .token(TOKEN)
            .header("Idempotency-Key", "k-3")
            .json("{\"source\":\"ftp://x/y\"}")
            .send();
    Answer good =
        api.request("POST", "/api/v1/documents")
            .token(TOKEN)
            .header("Idempotency-Key", "k-3")
            .json("{\"source\":\"ftp://x/y\"}")
            .send();

    assertThat(bad.status()).isEqualTo(400);
    assertThat(good.status()).isEqualTo(400);
    assertThat(good.json().get("field").asText()).isEqualTo("source");
  }

  @Test
  void badSubmissionsAreRefusedNamingTheField() throws Exception {
    Path outside = api.outside().resolve("secret.txt");
    Files.writeString(outside, "no");
    assertRefused(api.post("/api/v1/documents", "{}"), 400, "source");
    assertRefused(api.post("/api/v1/documents", "{\"source\":42}"), 400, "source");
    assertRefused(api.post("/api/v1/documents", "{\"source\":\"ftp://host/x\"}"), 400, "source");
    assertRefused(
        api.post("/api/v1/documents", "{\"source\":\"" + outside.toUri() + "\"}"), 400, "source");
    assertRefused(
        api.post("/api/v1/documents", "{\"source\":\"s3://bucket-only\"}"), 400, "source");
    assertRefused(
        api.post("/api/v1/documents", "{\"source\":\"s3://b/k\",\"documentId\":\"a b\"}"),
        400,
        "documentId");
    assertRefused(api.post("/api/v1/documents", "not json"), 400, "body");
    assertRefused(api.post("/api/v1/documents", "[1]"), 400, "body");
    assertRefused(
        api.request("POST", "/api/v1/documents")
            .token(TOKEN)
            .body("text/plain", "x".getBytes())
            .send(),
        415,
        "Content-Type");
    assertRefused(
        api.request("POST", "/api/v1/documents")
            .token(TOKEN)
            .header("Idempotency-Key", "x".repeat(201))
            .json(sourceBody())
            .send(),
        400,
        "Idempotency-Key");
    assertThat(readyOcrTasks()).isEmpty();
  }

  @Test
  void aBodyOverTheLimitIsRefusedWith413() {
    String big = "{\"source\":\"s3://b/k\",\"name\":\"" + "x".repeat(5000) + "\"}";

    assertRefused(api.post("/api/v1/documents", big), 413, "COORDINATOR_MAX_BODY_BYTES");
  }

  @Test
  void aCallerMayNameANewDocumentButNotAnExistingOne() {
    Answer first =
        api.post(
            "/api/v1/documents",
            "{\"source\":\"s3://inbox/a.pdf\",\"documentId\":\"case-1\",\"mediaType\":\"application/pdf\"}");
    Answer again =
        api.post(
            "/api/v1/documents", "{\"source\":\"s3://inbox/a.pdf\",\"documentId\":\"case-1\"}");

    assertThat(first.status()).isEqualTo(202);
    assertThat(first.json().get("documentId").asText()).isEqualTo("case-1");
    assertThat(record("case-1").file().mediaType()).isEqualTo("application/pdf");
    assertThat(record("case-1").file().source()).isEqualTo("s3://inbox/a.pdf");
    assertRefused(again, 409, "documentId");
  }

  @Test
  void anUploadIsStoredUnderTheRootAndRegisteredWithItsRealSha256() throws Exception {
    byte[] content = "uploaded letter".getBytes(StandardCharsets.UTF_8);

    Answer answer =
        api.request("POST", "/api/v1/documents")
            .token(TOKEN)
            .upload("../../evil name.txt", "text/plain", content, Map.of())
            .send();

    assertThat(answer.status()).isEqualTo(202);
    String id = answer.json().get("documentId").asText();
    DocumentRecord record = record(id);
    assertThat(record.file().sha256()).isEqualTo(TestDocuments.sha256("uploaded letter"));
    assertThat(record.file().sizeBytes()).isEqualTo(content.length);
    assertThat(record.file().name()).isEqualTo("evil_name.txt");
    assertThat(record.file().mediaType()).isEqualTo("text/plain");
    Path stored = Path.of(java.net.URI.create(record.file().source()));
    assertThat(stored.startsWith(api.root().toRealPath())).isTrue();
    assertThat(Files.readAllBytes(stored)).isEqualTo(content);
    assertThat(readyOcrTasks()).hasSize(1);
  }

  @Test
  void anUploadThatCannotBeStoredFailsItsDocumentAndQueuesNothing() throws Exception {
    Files.createDirectories(api.root().resolve("uploads"));
    Files.writeString(api.root().resolve("uploads/blocked"), "a file where its folder would go");

    Answer answer =
        api.request("POST", "/api/v1/documents")
            .token(TOKEN)
            .upload("a.txt", "text/plain", new byte[] {1}, Map.of("documentId", "blocked"))
            .send();

    assertThat(answer.status()).isEqualTo(500);
    DocumentRecord record = record("blocked");
    assertThat(record.status()).isEqualTo(DocumentStatus.FAILED);
    assertThat(record.error()).contains(DocumentSubmissions.NOT_STORED);
    assertThat(readyOcrTasks()).isEmpty();
  }

  @Test
  void anIdempotentUploadSentTwiceQueuesOnce() {
    byte[] content = "twice".getBytes(StandardCharsets.UTF_8);
    Answer first =
        api.request("POST", "/api/v1/documents")
            .token(TOKEN)
            .header("Idempotency-Key", "u-1")
            .upload("a.txt", "text/plain", content, Map.of())
            .send();
    Answer second =
        api.request("POST", "/api/v1/documents")
            .token(TOKEN)
            .header("Idempotency-Key", "u-1")
            .upload("a.txt", "text/plain", content, Map.of())
            .send();

    assertThat(second.json().get("documentId")).isEqualTo(first.json().get("documentId"));
    assertThat(readyOcrTasks()).hasSize(1);
  }

  @Test
  void anUploadOverTheLimitOrWithoutAFileIsRefused() {
    Answer tooBig =
        api.request("POST", "/api/v1/documents")
            .token(TOKEN)
            .upload("big.bin", "application/octet-stream", new byte[200_000], Map.of())
            .send();
    assertRefused(tooBig, 413, "COORDINATOR_MAX_UPLOAD_BYTES");

    Answer slightlyTooBig =
        api.request("POST", "/api/v1/documents")
            .token(TOKEN)
            .upload("big.bin", "application/octet-stream", new byte[100_001], Map.of())
            .send();
    assertThat(slightlyTooBig.status()).isEqualTo(413);

    String boundary = "b";
    byte[] noFile =
        ("--b\r\nContent-Disposition: form-data; name=\"documentId\"\r\n\r\nx\r\n--b--\r\n")
            .getBytes();
    Answer missing =
        api.request("POST", "/api/v1/documents")
            .token(TOKEN)
            .body("multipart/form-data; boundary=" + boundary, noFile)
            .send();
    assertRefused(missing, 400, "file");
    assertThat(readyOcrTasks()).isEmpty();
  }

  @Test
  void writesNeedAValidTokenAndNoTokenEverReachesTheLogsOrTheAnswer() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    try {
      Answer none = api.request("POST", "/api/v1/documents").json(sourceBody()).send();
      Answer wrong =
          api.request("POST", "/api/v1/documents")
              .token("guess-" + TOKEN)
              .json(sourceBody())
              .send();
      Answer basic =
          api.request("POST", "/api/v1/documents")
              .header("Authorization", "Basic " + TOKEN)
              .json(sourceBody())
              .send();
      Answer ok = api.post("/api/v1/documents", sourceBody());

      assertRefused(none, 401, "Authorization");
      assertRefused(wrong, 401, "Authorization");
      assertRefused(basic, 401, "Authorization");
      assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
      assertThat(wrong.text()).doesNotContain(TOKEN);
      assertThat(basic.text()).doesNotContain(TOKEN);
      assertThat(ok.status()).isEqualTo(202);
      assertThat(readyOcrTasks()).hasSize(1);
      assertThat(logs.list).isNotEmpty();
      assertThat(logs.list)
          .allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(TOKEN));
      assertThat(api.resources().config().toString()).doesNotContain(TOKEN);
    } finally {
      root.detachAppender(logs);
    }
  }

  @Test
  void aDocumentShowsItsStateFromPostgresAndTheStateHash() {
    String id = api.post("/api/v1/documents", sourceBody()).json().get("documentId").asText();
    api.context().store().documents().changeStatus(id, StatusChange.processing(Stage.ENTITIES, 1));
    api.fleet()
        .redis()
        .<String, String>getMap(api.fleet().keys().documentState(id))
        .putAll(
            Map.of(
                "progress",
                "33",
                "ocr_status",
                "done",
                "ocr_timestamp",
                "1700000000000",
                "provider_calls",
                "2",
                "cache_hits",
                "1"));

    Answer answer = api.get("/api/v1/documents/" + id);

    assertThat(answer.status()).isEqualTo(200);
    JsonNode doc = answer.json();
    assertThat(doc.get("id").asText()).isEqualTo(id);
    assertThat(doc.get("status").asText()).isEqualTo("processing");
    assertThat(doc.get("stage").asText()).isEqualTo("entities");
    assertThat(doc.get("progress").asInt()).isEqualTo(33);
    assertThat(doc.get("stages").get("ocr").get("status").asText()).isEqualTo("done");
    assertThat(doc.get("stages").get("ocr").get("at").asText()).isEqualTo("2023-11-14T22:13:20Z");
    assertThat(doc.get("providerCalls").asLong()).isEqualTo(2);
    assertThat(doc.get("cacheHits").asLong()).isEqualTo(1);
    assertThat(doc.get("createdAt").asText()).isNotEmpty();
    assertThat(doc.get("completedAt").isNull()).isTrue();
  }

  @Test
  void eachStageShowsItsEngineTimesAndTheErrorOfTheStageThatFailed() {
    String id = api.post("/api/v1/documents", sourceBody()).json().get("documentId").asText();
    var store = api.context().store();
    store.documents().changeStatus(id, StatusChange.processing(Stage.OCR, 1));
    store
        .stageEngines()
        .record(id, Stage.OCR, new io.docfleet.store.StageEngine("pdfbox", "3.0.8", "ocr-v1"));
    store.documents().changeStatus(id, StatusChange.processing(Stage.ENTITIES, 1));
    store
        .documents()
        .changeStatus(id, StatusChange.failed(Stage.ENTITIES, "the extractor timed out", 3));
    api.fleet()
        .redis()
        .<String, String>getMap(api.fleet().keys().documentState(id))
        .putAll(
            Map.of(
                "ocr_status", "done",
                "ocr_timestamp", "1700000001500",
                "ocr_started_at", "1700000000000",
                "ocr_ended_at", "1700000001500",
                "entities_status", "failed",
                "entities_timestamp", "1700000009000",
                "entities_started_at", "1700000002000"));

    JsonNode stages = api.get("/api/v1/documents/" + id).json().get("stages");

    JsonNode ocr = stages.get("ocr");
    assertThat(ocr.get("status").asText()).isEqualTo("done");
    assertThat(ocr.get("at").asText()).isEqualTo("2023-11-14T22:13:21.500Z");
    assertThat(ocr.get("startedAt").asText()).isEqualTo("2023-11-14T22:13:20Z");
    assertThat(ocr.get("endedAt").asText()).isEqualTo("2023-11-14T22:13:21.500Z");
    assertThat(ocr.get("durationMs").asLong()).isEqualTo(1500);
    assertThat(ocr.get("engine").asText()).isEqualTo("pdfbox");
    assertThat(ocr.get("engineVersion").asText()).isEqualTo("3.0.8");
    assertThat(ocr.get("settingsVersion").asText()).isEqualTo("ocr-v1");
    assertThat(ocr.get("error").isNull()).isTrue();
    JsonNode entities = stages.get("entities");
    assertThat(entities.get("error").asText()).isEqualTo("the extractor timed out");
    assertThat(entities.get("startedAt").asText()).isEqualTo("2023-11-14T22:13:22Z");
    assertThat(entities.get("endedAt").isNull()).isTrue();
    assertThat(entities.get("durationMs").isNull()).as("no end known").isTrue();
    assertThat(entities.get("engine").isNull()).as("no engine recorded").isTrue();
  }

  @Test
  void unknownOrBadDocumentIdsAreRefusedNamingTheId() {
    assertRefused(api.get("/api/v1/documents/nobody"), 404, "id");
    assertRefused(
        api.request("GET", "/api/v1/documents/nobody/result").token(TOKEN).send(), 404, "id");
    assertRefused(api.post("/api/v1/documents/nobody/reprocess", "{}"), 404, "id");
    assertRefused(api.get("/api/v1/documents/a%20b"), 400, "id");
  }

  @Test
  void theResultHasTheTextEntitiesAndStructuredResults() throws Exception {
    var store = api.context().store();
    store.documents().register(TestDocuments.aDocument("d1"));
    store.pages().savePages("d1", TestDocuments.pages("page one", "page two"));
    store
        .entities()
        .replaceEntities("d1", "rules", List.of(TestDocuments.anEntity("organization", "Acme", 0)));
    store
        .structuredResults()
        .save(
            new io.docfleet.store.StructuredResult(
                "d1",
                "rules",
                1,
                TestDocuments.sha256("t"),
                new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree("{\"parties\":[\"Acme\"]}")));

    JsonNode result = api.request("GET", "/api/v1/documents/d1/result").token(TOKEN).send().json();

    assertThat(result.get("text").asText()).isEqualTo("page one\n\npage two");
    assertThat(result.get("complete").asBoolean()).isFalse();
    assertThat(result.get("pages")).hasSize(2);
    assertThat(result.get("entities").get(0).get("text").asText()).isEqualTo("Acme");
    assertThat(result.get("structured").get(0).get("result").get("parties").get(0).asText())
        .isEqualTo("Acme");
  }

  @Test
  void theResultSaysWhatItsProviderCallsCostAndWhatTheCacheSaved() {
    var store = api.context().store();
    store.documents().register(TestDocuments.aDocument("d-spend"));
    Map<String, Long> units =
        Map.of("input_tokens", 1000L, "cached_input_tokens", 200L, "output_tokens", 100L);
    Map<String, String> price =
        Map.of("input_tokens", "0.00000015", "output_tokens", "0.0000006", "as_of", "2026-12-07");
    store
        .providerCalls()
        .record(
            List.of(
                call(false, units, price, "0.000195"),
                call(true, units, price, "0.000195"),
                call(false, Map.of("pages", 2L), Map.of("pages", "0.0015"), "0.003")));

    JsonNode spend =
        api.request("GET", "/api/v1/documents/d-spend/result")
            .token(TOKEN)
            .send()
            .json()
            .get("spend");

    assertThat(spend.get("spent_usd").decimalValue()).isEqualByComparingTo("0.003195");
    assertThat(spend.get("saved_usd").decimalValue()).isEqualByComparingTo("0.000195");
    assertThat(spend.get("calls")).hasSize(3);
    JsonNode first = spend.get("calls").get(0);
    assertThat(first.get("provider").asText()).isEqualTo("openai");
    assertThat(first.get("units").get("input_tokens").asLong()).isEqualTo(1000);
    assertThat(first.get("price").get("as_of").asText()).isEqualTo("2026-12-07");
    assertThat(first.get("cost_usd").decimalValue()).isEqualByComparingTo("0.000195");
    assertThat(spend.get("calls").get(1).get("cached").asBoolean()).isTrue();
  }

  private static io.docfleet.spend.ProviderCall call(
      boolean cached, Map<String, Long> units, Map<String, String> price, String usd) {
    boolean pages = units.containsKey("pages");
    return new io.docfleet.spend.ProviderCall(
        java.time.Instant.parse("2026-12-07T10:00:00Z"),
        "d-spend",
        null,
        pages ? "ocr" : "entities",
        "t-spend",
        pages ? "textract" : "openai",
        pages ? "detect_document_text" : "chat.completions",
        pages ? null : "gpt-4o-mini",
        cached,
        units,
        price,
        new java.math.BigDecimal(usd));
  }

  @Test
  void aFinishedDocumentIsReprocessedAndAnUnfinishedOneIsNot() {
    String id = api.post("/api/v1/documents", sourceBody()).json().get("documentId").asText();

    assertRefused(api.post("/api/v1/documents/" + id + "/reprocess", ""), 409, "status");
    assertRefused(
        api.post("/api/v1/documents/" + id + "/reprocess", "{\"invalidateCache\":\"yes\"}"),
        400,
        "invalidateCache");

    api.context().store().documents().changeStatus(id, StatusChange.processing(Stage.OCR, 1));
    api.context().store().documents().changeStatus(id, StatusChange.failed(Stage.OCR, "boom", 1));
    Answer answer =
        api.post("/api/v1/documents/" + id + "/reprocess", "{\"invalidateCache\":true}");

    assertThat(answer.status()).isEqualTo(202);
    assertThat(answer.json().get("cacheKeysRemoved").asLong()).isZero();
    assertThat(record(id).status()).isEqualTo(DocumentStatus.QUEUED);
    assertThat(record(id).error()).isEmpty();
    assertThat(readyOcrTasks()).hasSize(2);
    assertThat(api.get("/api/v1/documents/" + id).json().get("progress").asInt()).isZero();
  }

  @Test
  void reprocessingForgetsTheDocumentsOcrJobAndKeepsItsCacheUnlessTold() {
    String id = api.post("/api/v1/documents", sourceBody()).json().get("documentId").asText();
    api.context().store().documents().changeStatus(id, StatusChange.processing(Stage.OCR, 1));
    api.context().store().documents().changeStatus(id, StatusChange.failed(Stage.OCR, "boom", 1));
    var keys = api.fleet().keys();
    var redis = api.fleet().redis();
    redis.getBucket(keys.ocrJobs().idempotency(id)).set("job-7");
    redis.getBucket(keys.ocrJobs().result(id)).set("[]");
    redis.getMap(keys.ocrJobs().status("job-7")).put("status", "succeeded");
    redis.getBucket(keys.documentPointer("ocr", id)).set("cache:ocr:x");
    redis.getSet(keys.documentIndex(id)).add(keys.documentPointer("ocr", id));

    JsonNode answer = api.post("/api/v1/documents/" + id + "/reprocess", "{}").json();

    assertThat(answer.get("ocrJobKeysRemoved").asLong()).isEqualTo(3);
    assertThat(answer.get("cacheKeysRemoved").asLong()).isZero();
    assertThat(
            redis
                .getKeys()
                .countExists(
                    keys.ocrJobs().idempotency(id),
                    keys.ocrJobs().result(id),
                    keys.ocrJobs().status("job-7")))
        .isZero();
    assertThat(redis.getBucket(keys.documentPointer("ocr", id)).isExists()).isTrue();
  }

  @Test
  void droppingADocumentsCacheRemovesItsKeys() {
    var keys = api.fleet().keys();
    api.fleet().redis().getBucket(keys.documentPointer("ocr", "d9")).set("cache:ocr:x");
    api.fleet().redis().getSet(keys.documentIndex("d9")).add(keys.documentPointer("ocr", "d9"));

    api.fleet().redis().getBucket(keys.ocrJobs().idempotency("d9")).set("job-9");

    Answer answer = api.delete("/api/v1/documents/d9/cache");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("cacheKeysRemoved").asLong()).isEqualTo(2);
    assertThat(answer.json().get("ocrJobKeysRemoved").asLong()).isOne();
    assertThat(answer.json().get("keysRemoved").asLong()).isEqualTo(3);
    assertThat(api.fleet().redis().getBucket(keys.ocrJobs().idempotency("d9")).isExists())
        .isFalse();
    assertThat(api.fleet().redis().getBucket(keys.documentPointer("ocr", "d9")).isExists())
        .isFalse();
    assertRefused(api.request("DELETE", "/api/v1/documents/d9/cache").send(), 401, "Authorization");
  }

  static void assertRefused(Answer answer, int status, String field) {
    assertThat(answer.status()).as(answer.text()).isEqualTo(status);
    assertThat(answer.json().get("field").asText()).as(answer.text()).isEqualTo(field);
    assertThat(answer.json().get("error").asText()).isNotBlank();
  }
}
