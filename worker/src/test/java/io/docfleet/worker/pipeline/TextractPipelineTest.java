package io.docfleet.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.docfleet.cache.CacheSettings;
import io.docfleet.cache.DocumentInvalidation;
import io.docfleet.cache.Provider;
import io.docfleet.cache.ProviderCache;
import io.docfleet.cache.ProviderCaches;
import io.docfleet.cache.ProviderRateLimits;
import io.docfleet.config.Env;
import io.docfleet.config.FleetConfig;
import io.docfleet.document.ContentHash;
import io.docfleet.document.PageText;
import io.docfleet.queue.QueueCounter;
import io.docfleet.queue.QueueInspector;
import io.docfleet.queue.QueueStats;
import io.docfleet.queue.TaskAssignments;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.redis.FleetContext;
import io.docfleet.source.DocumentSources;
import io.docfleet.source.S3Source;
import io.docfleet.spend.ProviderCall;
import io.docfleet.store.DocumentFile;
import io.docfleet.store.JdbcDocumentStore;
import io.docfleet.store.TextractJobRecord;
import io.docfleet.store.TextractJobStatus;
import io.docfleet.task.Task;
import io.docfleet.testing.InJvmS3;
import io.docfleet.testing.PrometheusText;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.SlowTest;
import io.docfleet.testing.TestDatabase;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import io.docfleet.worker.extraction.RulesEntityExtractor;
import io.docfleet.worker.extraction.RulesStructuredExtractor;
import io.docfleet.worker.extraction.TextChunker;
import io.docfleet.worker.handler.HandlerRegistry;
import io.docfleet.worker.metrics.WorkerMetrics;
import io.docfleet.worker.ocr.OcrSettings;
import io.docfleet.worker.ocr.TextractEngine;
import io.docfleet.worker.ocr.TextractJobSettings;
import io.docfleet.worker.ocr.TextractSettings;
import io.docfleet.worker.runtime.Worker;
import io.docfleet.worker.testing.FakeTextract;
import io.docfleet.worker.testing.HttpStub.Received;
import io.docfleet.worker.testing.TestDocuments;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code OCR_ENGINE=textract} through the whole pipeline on a real worker, Redis and PostgreSQL,
 * against {@link FakeTextract} and an S3 in this JVM: a multi-page PDF in S3 runs as a Textract job
 * that the {@code ocr} task polls through the delayed set, holding no worker thread meanwhile. A
 * document starts at most the one job its content needs: not while another run holds the claim to
 * start it, again after a start Textract refused for now, and not at all while the pages of its
 * content's job are kept; it never takes the pages of a job of content it no longer has.
 */
@SlowTest
class TextractPipelineTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("textract-pipeline");

  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String BUCKET = "legal-docs";
  private static final byte[] BRIEF =
      TestDocuments.textPdf(
          "BRIEF of Acme Holdings", "Second page of the brief", "Signed by counsel");

  private String prefix;
  private FleetContext fleet;
  private JdbcDocumentStore store;
  private TaskSubmitter submitter;
  private FakeTextract textract;
  private InJvmS3 s3;
  private S3Client s3Client;
  private TextractEngine engine;
  private ProviderCache cache;
  private Worker worker;

  /** Where the worker times its provider calls. */
  private final WorkerMetrics metrics = WorkerMetrics.create();

  @BeforeEach
  void setUp() throws Exception {
    prefix = redis.prefix();
    textract = new FakeTextract();
    s3 = new InJvmS3();
    s3Client =
        S3Client.builder()
            .region(Region.EU_WEST_1)
            .endpointOverride(s3.endpoint())
            .forcePathStyle(true)
            .credentialsProvider(credentials())
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .build();
  }

  @AfterEach
  void tearDown() {
    if (worker != null) {
      worker.drain();
      cache.close();
      engine.close();
    }
    s3Client.close();
    s3.close();
    textract.close();
  }

  private static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
  }

  /** Starts a pipeline worker with Textract; {@code overrides} add to the test's environment. */
  private void start(Clock clock, Map<String, String> overrides) {
    fleet = redis.context(clock);
    store = new JdbcDocumentStore(db.dataSource(), Clock.systemUTC());
    submitter = new TaskSubmitter(fleet, FleetConfig.QueueSettings.defaults());
    Map<String, String> env = new HashMap<>();
    env.put("DOCFLEET_KEY_PREFIX", prefix);
    env.put("WORKER_ID", "textract-w1");
    env.put("WORKER_TASK_TYPES", "ocr,entities,structured");
    env.put("WORKER_CONCURRENCY", "2");
    env.put("CACHE_TIMEOUT", "5s");
    env.put("DELAYED_POLL_INTERVAL", "50ms");
    env.put("OCR_ENGINE", "textract");
    env.put("AWS_REGION", "eu-west-1");
    env.put("TEXTRACT_POLL_INTERVAL", "50ms");
    env.put("TEXTRACT_POLL_MAX_INTERVAL", "100ms");
    env.putAll(overrides);
    FleetConfig config = FleetConfig.fromEnv(new Env(env));
    CacheSettings cacheSettings = CacheSettings.fromEnv(new Env(env));
    OcrSettings ocr = OcrSettings.fromEnv(new Env(env));
    cache = ProviderCaches.open(cacheSettings, fleet, "textract-pipeline-test");
    engine =
        TextractEngine.create(
            new TextractSettings(
                Optional.of("eu-west-1"), Optional.of(textract.endpoint()), Duration.ofSeconds(20)),
            credentials(),
            PipelineResources.permits(
                new ProviderRateLimits(fleet, cacheSettings), Provider.TEXTRACT));
    PipelineContext pipeline =
        new PipelineContext(
                fleet,
                store,
                new DocumentSources(List.of(new S3Source(s3Client)), 1 << 20),
                cache,
                submitter,
                engine,
                ocr.textractJobs(),
                new TextChunker(400),
                new RulesEntityExtractor(),
                new RulesStructuredExtractor(),
                config.queue().maxAttempts())
            .withLatencies(metrics.providers());
    worker = new Worker(fleet, config, Pipeline.register(new HandlerRegistry(), pipeline));
    worker.start();
  }

  private void start() {
    start(Clock.systemUTC(), Map.of());
  }

  /** Puts the document in S3, where both the worker and Textract read it. */
  private void upload(String key, byte[] content) {
    s3.put(BUCKET, key, content);
    textract.putObject(BUCKET, key, content);
  }

  private Task ocrTask(String taskId, String documentId, String key) {
    return Task.of(
            taskId,
            "ocr",
            fleet
                .codec()
                .mapper()
                .createObjectNode()
                .put("source", "s3://" + BUCKET + "/" + key)
                .put("documentId", documentId))
        .withDocumentId(documentId);
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

  private QueueStats ocrQueue() {
    return new QueueInspector(fleet).stats("ocr");
  }

  /** GetDocumentTextDetection calls that asked for a job's status (not a further page). */
  private long statusPolls() {
    return textract.received("GetDocumentTextDetection").stream()
        .filter(r -> r.body().path("NextToken").asText("").isEmpty())
        .count();
  }

  /** What {@code idempotent:ocr:<documentId>} holds: the document's job id, or a start claim. */
  private String jobOf(String documentId) {
    return fleet.redis().<String>getBucket(fleet.keys().ocrJobs().idempotency(documentId)).get();
  }

  private Map<String, String> assignment(String taskId) {
    return new TaskAssignments(fleet).read(taskId);
  }

  /** Waits until the document's run of {@code ocrTaskId} went through its last stage. */
  private void awaitPipelineOf(String ocrTaskId) {
    await()
        .atMost(WAIT)
        .until(
            () -> "completed".equals(assignment(ocrTaskId + ">entities>structured").get("status")));
  }

  private long ttlOf(String key) {
    return fleet.redis().getBucket(key).remainTimeToLive();
  }

  @Test
  void aMultiPagePdfInS3RunsAsOneJobPolledThroughTheDelayedSet() {
    textract.inProgressPolls(2);
    upload("cases/brief.pdf", BRIEF);
    start();
    Instant began = Instant.now();

    submitter.submit(ocrTask("t-brief", "d-brief", "cases/brief.pdf"));
    awaitStatus("d-brief", "completed");

    assertThat(store.pages().pages("d-brief"))
        .extracting(PageText::text)
        .containsExactly("BRIEF of Acme Holdings", "Second page of the brief", "Signed by counsel");
    List<Received> starts = textract.received("StartDocumentTextDetection");
    assertThat(starts).hasSize(1);
    assertThat(textract.received("DetectDocumentText")).isEmpty();
    // one run started the job; each later run polled once (IN_PROGRESS, IN_PROGRESS, SUCCEEDED
    // and its pages through NextToken) and left: every wait went through the delayed set
    assertThat(statusPolls()).isEqualTo(3);
    assertThat(textract.received("GetDocumentTextDetection"))
        .extracting(r -> r.body().path("NextToken").asText(""))
        .containsExactly("", "", "", "page-2", "page-3");
    QueueStats ocr = ocrQueue();
    assertThat(ocr.counter(QueueCounter.POLLS_SCHEDULED)).isEqualTo(statusPolls());
    assertThat(ocr.counter(QueueCounter.RETRIED)).isZero();
    assertThat(ocr.counter(QueueCounter.FAILED)).isZero();
    assertThat(new TaskAssignments(fleet).read("t-brief"))
        .containsEntry("status", "completed")
        .containsEntry("attempts", "1");

    String jobId =
        fleet.redis().<String>getBucket(fleet.keys().ocrJobs().idempotency("d-brief")).get();
    assertThat(jobId).isNotBlank();
    Map<String, String> status =
        fleet.redis().<String, String>getMap(fleet.keys().ocrJobs().status(jobId)).readAllMap();
    assertThat(status)
        .containsEntry("status", "succeeded")
        .containsEntry("document_id", "d-brief")
        .containsEntry("polls", "2")
        .containsEntry("pages", "3")
        .containsKeys("started_at", "updated_at");
    assertThat(fleet.redis().<String>getBucket(fleet.keys().ocrJobs().result("d-brief")).get())
        .contains("Second page of the brief");
    assertThat(ttlOf(fleet.keys().ocrJobs().idempotency("d-brief"))).isPositive();
    assertThat(ttlOf(fleet.keys().ocrJobs().status(jobId))).isPositive();
    assertThat(ttlOf(fleet.keys().ocrJobs().result("d-brief"))).isPositive();
    TextractJobRecord row = store.textractJobs().find(jobId).orElseThrow();
    assertThat(row.job().status()).isEqualTo(TextractJobStatus.SUCCEEDED);
    assertThat(row.job().pages()).isEqualTo(3);
    assertThat(row.job().documentId()).isEqualTo("d-brief");
    // one call for OCR (the job, however often it was polled), one per chunk, one structured
    int chunks = store.chunks().chunks("d-brief").size();
    assertThat(state("d-brief"))
        .containsEntry("provider_calls", Integer.toString(1 + chunks + 1))
        .containsEntry("cache_hits", "0");

    // the same bytes as another document: answered from the cache, no Textract call at all
    int callsBefore = textract.received().size();
    s3.put(BUCKET, "inbox/brief-again.pdf", BRIEF);
    submitter.submit(ocrTask("t-again", "d-again", "inbox/brief-again.pdf"));
    awaitStatus("d-again", "completed");

    assertThat(textract.received()).hasSize(callsBefore);
    assertThat(state("d-again")).containsEntry("provider_calls", "0");
    assertThat(store.pages().pages("d-again")).hasSize(3);

    // the spend ledger: the job billed its DocumentMetadata.Pages once; the copy saved as much
    List<ProviderCall> brief = rowsSince(began, "d-brief");
    assertThat(brief).hasSize(1);
    ProviderCall paid = brief.get(0);
    assertThat(paid.operation()).isEqualTo("start_document_text_detection");
    assertThat(paid.units()).containsEntry("pages", 3L);
    assertThat(paid.cached()).isFalse();
    assertThat(paid.costUsd()).isEqualByComparingTo("0.0045");
    ProviderCall saved = rowsSince(began, "d-again").get(0);
    assertThat(saved.cached()).isTrue();
    assertThat(saved.units()).isEqualTo(paid.units());
    assertThat(saved.costUsd()).isEqualByComparingTo(paid.costUsd());
  }

  /** The document's spend ledger rows of this test (the database outlives each test). */
  private List<ProviderCall> rowsSince(Instant began, String documentId) {
    return store.providerCalls().ofDocument(documentId).stream()
        .filter(row -> !row.at().isBefore(began.minusMillis(1)))
        .toList();
  }

  /** The OCR job records a document's job left in Redis. */
  private List<String> ocrJobKeysOf(String documentId, String jobId) {
    return List.of(
        fleet.keys().ocrJobs().idempotency(documentId),
        fleet.keys().ocrJobs().result(documentId),
        fleet.keys().ocrJobs().status(jobId));
  }

  private long existing(List<String> keys) {
    return fleet.redis().getKeys().countExists(keys.toArray(String[]::new));
  }

  @Test
  void anInvalidatedJobDocumentRunAgainStartsANewJobAndReadsItsPages() {
    textract.inProgressPolls(0);
    upload("cases/brief.pdf", BRIEF);
    start();
    submitter.submit(ocrTask("t-brief", "d-brief", "cases/brief.pdf"));
    awaitStatus("d-brief", "completed");
    String firstJob =
        fleet.redis().<String>getBucket(fleet.keys().ocrJobs().idempotency("d-brief")).get();
    assertThat(existing(ocrJobKeysOf("d-brief", firstJob))).isEqualTo(3);

    DocumentInvalidation.Forgotten forgotten =
        new DocumentInvalidation(fleet, cache, store.textractJobs())
            .invalidate("d-brief", "the test asks");
    assertThat(forgotten.ocrJobKeys()).isEqualTo(3);
    assertThat(forgotten.ocrJobs()).isOne();
    assertThat(forgotten.cacheKeys()).isPositive();
    assertThat(existing(ocrJobKeysOf("d-brief", firstJob))).isZero();

    // run again, as POST /api/v1/documents/d-brief/reprocess {"invalidateCache": true} does
    submitter.submit(ocrTask("t-brief-again", "d-brief", "cases/brief.pdf"));
    await().atMost(WAIT).until(() -> textract.received("StartDocumentTextDetection").size() == 2);
    awaitStatus("d-brief", "completed");

    List<Received> starts = textract.received("StartDocumentTextDetection");
    assertThat(starts)
        .extracting(r -> r.body().path("ClientRequestToken").asText())
        .as("a new token: Textract starts a new job instead of answering with the old one")
        .doesNotHaveDuplicates();
    String secondJob =
        fleet.redis().<String>getBucket(fleet.keys().ocrJobs().idempotency("d-brief")).get();
    assertThat(secondJob).isNotEqualTo(firstJob);
    assertThat(store.textractJobs().find(secondJob).orElseThrow().job().status())
        .isEqualTo(TextractJobStatus.SUCCEEDED);
    assertThat(store.pages().pages("d-brief")).hasSize(3);
  }

  @Test
  void aReprocessedJobDocumentWithTheCacheOffStartsANewJobToo() {
    textract.inProgressPolls(0);
    upload("cases/brief.pdf", BRIEF);
    start(Clock.systemUTC(), Map.of("REDIS_ENABLE_OPTIMIZATION", "false"));
    submitter.submit(ocrTask("t-brief", "d-brief", "cases/brief.pdf"));
    awaitStatus("d-brief", "completed");

    // what POST /api/v1/documents/d-brief/reprocess does without invalidateCache
    new DocumentInvalidation(fleet, cache, store.textractJobs())
        .forgetOcrJob("d-brief", "the test reprocesses it");
    submitter.submit(ocrTask("t-brief-again", "d-brief", "cases/brief.pdf"));
    await().atMost(WAIT).until(() -> textract.received("StartDocumentTextDetection").size() == 2);
    awaitStatus("d-brief", "completed");

    assertThat(
            textract.received("StartDocumentTextDetection").stream()
                .map(r -> r.body().path("ClientRequestToken").asText())
                .distinct())
        .hasSize(2);
    assertThat(store.pages().pages("d-brief")).hasSize(3);
  }

  @Test
  void aRunningJobHoldsNoWorkerThread() {
    textract.inProgressPolls(Integer.MAX_VALUE);
    upload("cases/brief.pdf", BRIEF);
    upload("letters/letter.png", TestDocuments.png("HELLO DOCFLEET"));
    start(Clock.systemUTC(), Map.of("WORKER_CONCURRENCY", "2,ocr=1"));

    submitter.submit(ocrTask("t-brief", "d-brief", "cases/brief.pdf"));
    await().atMost(WAIT).until(() -> statusPolls() >= 2);
    assertThat(state("d-brief")).containsEntry("status", "processing");

    // the only ocr thread is free while the job runs: another document goes all the way through
    submitter.submit(ocrTask("t-letter", "d-letter", "letters/letter.png"));
    awaitStatus("d-letter", "completed");
    assertThat(state("d-brief")).containsEntry("status", "processing");
    assertThat(state("d-brief").get("ocr_status")).isIn("waiting", "running");

    textract.inProgressPolls(0);
    awaitStatus("d-brief", "completed");
    assertThat(textract.received("StartDocumentTextDetection")).hasSize(1);
    assertThat(ocrQueue().counter(QueueCounter.POLLS_SCHEDULED)).isEqualTo(statusPolls());
  }

  @Test
  void theSameOcrTaskDeliveredTwiceStartsOneJob() throws Exception {
    textract.inProgressPolls(2);
    upload("cases/brief.pdf", BRIEF);
    start();
    String item = fleet.codec().encode(ocrTask("t-brief", "d-brief", "cases/brief.pdf"));

    fleet.redis().<String>getList(fleet.keys().ready("ocr")).addAll(List.of(item, item));
    awaitStatus("d-brief", "completed");
    await()
        .atMost(WAIT)
        .until(
            () -> {
              QueueStats ocr = ocrQueue();
              return ocr.ready() == 0 && ocr.delayed() == 0 && ocr.inFlight() == 0;
            });

    assertThat(textract.received("StartDocumentTextDetection")).hasSize(1);
    assertThat(ocrQueue().dead()).isZero();
    assertThat(store.pages().pages("d-brief")).hasSize(3);
  }

  @Test
  void aFailedJobEndsTheDocumentFailedWithTextractsMessage() {
    textract.inProgressPolls(1);
    upload("cases/scan.pdf", BRIEF);
    textract.failJobsOf(BUCKET, "cases/scan.pdf", "Request has unsupported document format");
    start();

    submitter.submit(ocrTask("t-scan", "d-scan", "cases/scan.pdf"));
    awaitStatus("d-scan", "failed");

    assertThat(state("d-scan").get("error"))
        .contains("ended FAILED: Request has unsupported document format");
    assertThat(state("d-scan")).containsEntry("ocr_status", "failed");
    assertThat(store.documents().find("d-scan").orElseThrow().error().orElseThrow())
        .contains("unsupported document format");
    String jobId =
        fleet.redis().<String>getBucket(fleet.keys().ocrJobs().idempotency("d-scan")).get();
    assertThat(store.textractJobs().find(jobId).orElseThrow().job().status())
        .isEqualTo(TextractJobStatus.FAILED);
    assertThat(
            fleet
                .redis()
                .<String, String>getMap(fleet.keys().ocrJobs().status(jobId))
                .get("status"))
        .isEqualTo("failed");
    assertThat(ocrQueue().dead()).isEqualTo(1);
    assertThat(ocrQueue().counter(QueueCounter.RETRIED)).isZero();
  }

  @Test
  void aJobStillRunningAfterItsTimeoutFailsTheDocument() {
    SettableClock clock = new SettableClock(Instant.now());
    textract.inProgressPolls(Integer.MAX_VALUE);
    upload("cases/brief.pdf", BRIEF);
    start(clock, Map.of("TEXTRACT_JOB_TIMEOUT", "1h"));

    submitter.submit(ocrTask("t-brief", "d-brief", "cases/brief.pdf"));
    await().atMost(WAIT).until(() -> ocrQueue().delayed() == 1);
    assertThat(state("d-brief")).containsEntry("ocr_status", "waiting");

    clock.advance(Duration.ofMinutes(61));
    awaitStatus("d-brief", "failed");

    assertThat(state("d-brief").get("error"))
        .contains("did not finish within 3600 s (TEXTRACT_JOB_TIMEOUT)");
    assertThat(statusPolls()).isZero(); // the clock only moved once: no poll was due before
    assertThat(ocrQueue().dead()).isEqualTo(1);
  }

  @Test
  void aCallOverTheRateLimitWaitsInTheDelayedSetInsteadOfFailing() {
    upload("letters/a.png", TestDocuments.png("first letter"));
    upload("letters/b.png", TestDocuments.png("second letter"));
    start(Clock.systemUTC(), Map.of("RATE_LIMIT_TEXTRACT_DETECT", "1/1h"));

    submitter.submit(ocrTask("t-a", "d-a", "letters/a.png"));
    awaitStatus("d-a", "completed");
    submitter.submit(ocrTask("t-b", "d-b", "letters/b.png"));
    await().atMost(WAIT).until(() -> "waiting".equals(state("d-b").get("ocr_status")));
    await().atMost(WAIT).until(() -> ocrQueue().delayed() == 1);

    assertThat(textract.received("DetectDocumentText")).hasSize(1);
    assertThat(state("d-b")).containsEntry("status", "processing");
    QueueStats ocr = ocrQueue();
    assertThat(ocr.dead()).isZero();
    assertThat(ocr.counter(QueueCounter.FAILED)).isZero();
    assertThat(ocr.counter(QueueCounter.POLLS_SCHEDULED)).isEqualTo(1);
    assertThat(fleet.redis().getKeys().countExists(fleet.keys().rateLimit("textract", "detect")))
        .isEqualTo(1L);
  }

  @Test
  void aJobStartThatTextractRefusesForNowReleasesItsClaimAndTheRetryStartsIt() {
    upload("cases/brief.pdf", BRIEF);
    textract.failNext(500, "InternalServerError", "Internal server error");
    start(Clock.systemUTC(), Map.of("RETRY_BACKOFF_BASE", "50ms", "RETRY_BACKOFF_MAX", "200ms"));

    submitter.submit(ocrTask("t-brief", "d-brief", "cases/brief.pdf"));
    awaitStatus("d-brief", "completed");

    // a claim left behind would hold every retry off for START_CLAIM_TTL
    assertThat(textract.received("StartDocumentTextDetection")).hasSize(2);
    assertThat(assignment("t-brief")).containsEntry("attempts", "2");
    assertThat(ocrQueue().counter(QueueCounter.RETRIED)).isEqualTo(1);
    assertThat(jobOf("d-brief")).startsWith("job-");
    assertThat(store.pages().pages("d-brief")).hasSize(3);
  }

  @Test
  void whileAnotherRunHoldsTheClaimToStartTheJobTheTaskWaitsAndStartsItOnceItIsReleased() {
    textract.inProgressPolls(0);
    upload("cases/brief.pdf", BRIEF);
    start();
    TextractJobRecords records =
        new TextractJobRecords(fleet, store.textractJobs(), TextractJobSettings.defaults());
    TextractJobRecords.StartClaim otherRun = records.claimStart("d-brief").orElseThrow();

    submitter.submit(ocrTask("t-brief", "d-brief", "cases/brief.pdf"));
    await().atMost(WAIT).until(() -> ocrQueue().counter(QueueCounter.POLLS_SCHEDULED) >= 2);
    assertThat(textract.received("StartDocumentTextDetection")).isEmpty();
    assertThat(state("d-brief")).containsEntry("status", "processing");

    records.release(otherRun);
    awaitStatus("d-brief", "completed");

    assertThat(textract.received("StartDocumentTextDetection")).hasSize(1);
    assertThat(assignment("t-brief")).containsEntry("attempts", "1"); // waiting used no attempt
  }

  @Test
  void aDocumentReadAgainWhileItsJobsPagesAreKeptTakesThemWithoutAskingTextract() {
    textract.inProgressPolls(0);
    upload("cases/brief.pdf", BRIEF);
    start(Clock.systemUTC(), Map.of("REDIS_ENABLE_OPTIMIZATION", "false"));
    submitter.submit(ocrTask("t-brief", "d-brief", "cases/brief.pdf"));
    awaitPipelineOf("t-brief");
    int calls = textract.received().size();
    long providerCalls = Long.parseLong(state("d-brief").get("provider_calls"));
    assertThat(ocrCallsTimed()).isEqualTo(1);

    // another ocr task for the same content (not a reprocess, which forgets the job), and no
    // provider cache to answer for it
    submitter.submit(ocrTask("t-again", "d-brief", "cases/brief.pdf"));
    awaitPipelineOf("t-again");

    assertThat(textract.received()).hasSize(calls);
    assertThat(state("d-brief")).containsEntry("status", "completed");
    assertThat(store.pages().pages("d-brief"))
        .extracting(PageText::text)
        .containsExactly("BRIEF of Acme Holdings", "Second page of the brief", "Signed by counsel");
    // the second run paid its entities (one call per chunk) and structured result again, with no
    // cache, but no OCR call: the kept pages are no provider call, and no cache hit either
    long againCalls = Long.parseLong(state("d-brief").get("provider_calls")) - providerCalls;
    assertThat(againCalls).isEqualTo(store.chunks().chunks("d-brief").size() + 1L);
    assertThat(state("d-brief")).containsEntry("cache_hits", "0");
    assertThat(ocrCallsTimed()).isEqualTo(1);
  }

  /** OCR provider calls the worker timed. */
  private double ocrCallsTimed() {
    return PrometheusText.parse(metrics.scrape())
        .histogram("docfleet_worker_provider_call_duration_seconds", "operation", "ocr")
        .count();
  }

  @Test
  void aJobOfContentTheDocumentNoLongerHasIsNotTakenEvenWhenNothingForgotIt() {
    textract.inProgressPolls(0);
    upload("cases/brief.pdf", BRIEF);
    start();
    submitter.submit(ocrTask("t-brief", "d-brief", "cases/brief.pdf"));
    awaitPipelineOf("t-brief");
    String firstJob = jobOf("d-brief");

    // new content that an earlier run registered, then failed before it invalidated the document:
    // the old content's job records are still there, and registration sees nothing new
    byte[] amended = TestDocuments.textPdf("AMENDED BRIEF", "Second page, amended");
    upload("cases/brief.pdf", amended);
    DocumentFile registered = store.documents().find("d-brief").orElseThrow().file();
    store
        .documents()
        .register(
            new DocumentFile(
                "d-brief",
                registered.source(),
                registered.name(),
                registered.mediaType(),
                amended.length,
                ContentHash.sha256(amended)));
    submitter.submit(ocrTask("t-amended", "d-brief", "cases/brief.pdf"));
    awaitPipelineOf("t-amended");

    assertThat(textract.received("StartDocumentTextDetection")).hasSize(2);
    assertThat(jobOf("d-brief")).startsWith("job-").isNotEqualTo(firstJob);
    assertThat(store.pages().pages("d-brief"))
        .extracting(PageText::text)
        .containsExactly("AMENDED BRIEF", "Second page, amended");
  }
}
