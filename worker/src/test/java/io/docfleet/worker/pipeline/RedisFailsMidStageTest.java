package io.docfleet.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.docfleet.document.DocumentStatus;
import io.docfleet.document.PageText;
import io.docfleet.document.Stage;
import io.docfleet.localservers.LocalRedis;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.RedisKeys;
import io.docfleet.store.DocumentRecord;
import io.docfleet.task.Task;
import io.docfleet.task.TaskCodec;
import io.docfleet.testing.SlowTest;
import io.docfleet.testing.TestDatabase;
import io.docfleet.testing.TestRedis;
import io.docfleet.worker.handler.PermanentTaskException;
import io.docfleet.worker.handler.TaskOutcome;
import io.docfleet.worker.ocr.OcrEngine;
import io.docfleet.worker.ocr.OcrInput;
import io.docfleet.worker.ocr.PdfBoxEngine;
import io.docfleet.worker.provider.ProviderException;
import io.docfleet.worker.testing.TestDocuments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * A stage whose Redis goes away part-way through, on a private Redis the test stops: the outcome
 * the run hands the runtime is still the one its failure calls for (a Redis that cannot take the
 * document's state, its counts or its wait does not replace it), and PostgreSQL, written first,
 * holds the stage's results and a failed document's end. A failed end that Redis could not take is
 * the one exception: its task is put off, no attempt used, and its next run tells Redis (and the
 * document's webhook) the end PostgreSQL holds.
 */
@SlowTest
class RedisFailsMidStageTest {
  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  private static final String LETTER = "Agreement between Acme Holdings, Inc. and Jane Roe.";

  @TempDir Path inbox;
  private LocalRedis server;
  private RedissonClient redis;
  private DirectStages stages;

  @BeforeEach
  void setUp() {
    server = LocalRedis.startPrivate();
    redis = TestRedis.impatientClient(server.url(), "mid-stage-test");
    FleetContext fleet =
        new FleetContext(redis, new RedisKeys(""), new TaskCodec(), Clock.systemUTC());
    stages = new DirectStages(fleet, db.dataSource(), inbox);
  }

  @AfterEach
  void tearDown() {
    redis.shutdown();
    server.close();
  }

  /** PDFBox, stopping the Redis server while it reads the first document it is given. */
  private OcrEngine stoppingRedisAsItReads() {
    PdfBoxEngine pdfBox = new PdfBoxEngine();
    return new OcrEngine() {
      private boolean stopped;

      @Override
      public String name() {
        return pdfBox.name();
      }

      @Override
      public String version() {
        return pdfBox.version();
      }

      @Override
      public List<PageText> recognize(OcrInput input) throws ProviderException {
        if (!stopped) {
          stopped = true;
          server.stop(true);
        }
        return pdfBox.recognize(input);
      }
    };
  }

  @Test
  void aStageWhoseRedisStopsBeforeItEndsIsRetriedAndTheRetryCompletesIt() throws Exception {
    Path letter = Files.write(inbox.resolve("letter.pdf"), TestDocuments.textPdf(LETTER));
    stages.ocr(stoppingRedisAsItReads());
    Task ocr = stages.ocrTask("d-letter", letter);

    TaskOutcome first = stages.handle(ocr);

    // the engine's call was made and its pages are in PostgreSQL; Redis did not take the end
    assertThat(first)
        .isInstanceOfSatisfying(
            TaskOutcome.RetryLater.class,
            retry -> assertThat(retry.reason()).startsWith("ocr stage failed: "));
    assertThat(stages.store.pages().pages("d-letter")).extracting(PageText::text).contains(LETTER);

    server.start();
    await().atMost(Duration.ofSeconds(30)).until(this::redisAnswers);
    TaskOutcome retry = stages.handle(ocr.withAttempt(1));

    assertThat(retry).isInstanceOf(TaskOutcome.Succeeded.class);
    assertThat(state("d-letter")).containsEntry("ocr_status", "done");
    assertThat(readyTasks(Stage.ENTITIES)).singleElement().asString().contains("d-letter");
    DocumentRecord record = stages.store.documents().find("d-letter").orElseThrow();
    assertThat(record.status()).isEqualTo(DocumentStatus.PROCESSING);
    assertThat(record.stage()).isEqualTo(Stage.ENTITIES);
  }

  @Test
  void aLastAttemptThatCannotReachRedisStillEndsTheDocumentFailedInPostgres() throws Exception {
    Path letter = Files.write(inbox.resolve("letter.pdf"), TestDocuments.textPdf(LETTER));
    server.stop(true);

    TaskOutcome last =
        stages.handle(stages.ocrTask("d-last", letter).withAttempt(DirectStages.MAX_ATTEMPTS - 1));

    // PostgreSQL holds the end; Redis (and a webhook) could not be told, so the task is put off,
    // no attempt used, marked to tell the end on its next run, rather than dead-lettered now
    assertThat(last).isInstanceOf(TaskOutcome.PollLater.class);
    TaskOutcome.PollLater poll = (TaskOutcome.PollLater) last;
    assertThat(poll.reason()).startsWith("document d-last failed: ocr stage failed: ");
    DocumentRecord record = stages.store.documents().find("d-last").orElseThrow();
    assertThat(record.status()).isEqualTo(DocumentStatus.FAILED);
    assertThat(record.attempts()).isEqualTo(DirectStages.MAX_ATTEMPTS);
    assertThat(record.error()).hasValueSatisfying(e -> assertThat(e).contains("ocr stage failed"));

    server.start();
    await().atMost(Duration.ofSeconds(30)).until(this::redisAnswers);
    Task again =
        stages
            .ocrTask("d-last", letter)
            .withAttempt(DirectStages.MAX_ATTEMPTS - 1)
            .withPayload(poll.payload().orElseThrow());

    assertThatThrownBy(() -> stages.handle(again))
        .isInstanceOf(PermanentTaskException.class)
        .hasMessageContaining("ocr stage failed");
    assertThat(state("d-last")).containsEntry("status", "failed");
    assertThat(stages.store.documents().find("d-last").orElseThrow()).isEqualTo(record);
  }

  @Test
  void aCallHeldBackByTheRateLimitAsRedisStopsStillPutsTheTaskOff() throws Exception {
    Path letter = Files.write(inbox.resolve("letter.pdf"), TestDocuments.textPdf(LETTER));
    Duration retryAfter = Duration.ofSeconds(7);
    stages.ocr(
        new OcrEngine() {
          @Override
          public String name() {
            return "textract";
          }

          @Override
          public String version() {
            return "1";
          }

          @Override
          public List<PageText> recognize(OcrInput input) throws ProviderException {
            server.stop(true);
            throw ProviderException.overRateLimit("textract", "detect", retryAfter);
          }
        });

    TaskOutcome outcome = stages.handle(stages.ocrTask("d-held", letter));

    assertThat(outcome)
        .isEqualTo(
            new TaskOutcome.PollLater(
                retryAfter,
                ProviderException.overRateLimit("textract", "detect", retryAfter).getMessage(),
                Optional.empty()));
    assertThat(stages.store.documents().find("d-held").orElseThrow().status())
        .isEqualTo(DocumentStatus.PROCESSING);
  }

  private boolean redisAnswers() {
    try {
      redis.getBucket("ping").isExists();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private Map<String, String> state(String documentId) {
    return redis
        .<String, String>getMap(stages.fleet.keys().documentState(documentId), StringCodec.INSTANCE)
        .readAllMap();
  }

  private List<String> readyTasks(Stage stage) {
    return redis
        .<String>getList(stages.fleet.keys().ready(stage.taskType()), StringCodec.INSTANCE)
        .readAll();
  }
}
