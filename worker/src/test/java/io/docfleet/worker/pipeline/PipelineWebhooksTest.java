package io.docfleet.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.docfleet.config.Env;
import io.docfleet.config.FleetConfig;
import io.docfleet.config.Secret;
import io.docfleet.document.Stage;
import io.docfleet.store.DocumentFile;
import io.docfleet.store.DocumentRecord;
import io.docfleet.task.Task;
import io.docfleet.testing.TestDatabase;
import io.docfleet.webhook.WebhookEvents;
import io.docfleet.webhook.WebhookSettings;
import io.docfleet.webhook.WebhookSignature;
import io.docfleet.webhook.WebhookTasks;
import io.docfleet.worker.handler.HandlerRegistry;
import io.docfleet.worker.runtime.Worker;
import io.docfleet.worker.testing.TestDocuments;
import io.docfleet.worker.testing.WebhookReceiver;
import io.docfleet.worker.webhook.Webhooks;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A document submitted with a callback URL has its webhook queued once it ends, completed or
 * failed, with the event built from PostgreSQL's final state and the stages as {@code doc:state}
 * shows them; a document without one queues none; and when a run's process died after the commit
 * and before the webhook was queued, the stage's task running again queues it with the same event
 * id.
 */
class PipelineWebhooksTest {
  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();
  private static final String SECRET = "whsec-pipeline-test";
  private static final String TEXT = "SERVICES AGREEMENT between Acme Holdings, Inc. and Jane Roe.";

  @TempDir Path inbox;
  private PipelineFleet pipeline;
  private WebhookReceiver receiver;
  private Worker deliverer;

  @BeforeEach
  void setUp() {
    db.clear();
    pipeline = new PipelineFleet(db.dataSource(), inbox).start(Map.of());
    receiver = new WebhookReceiver();
  }

  @AfterEach
  void tearDown() {
    if (deliverer != null) {
      deliverer.drain();
    }
    pipeline.close();
    receiver.close();
  }

  /** A worker of the pipeline's fleet serving {@code webhook}, as a deployment beside it would. */
  private void startDelivering() {
    Env env =
        new Env(
            Map.of(
                "DOCFLEET_KEY_PREFIX", pipeline.prefix,
                "WORKER_ID", "webhook-deliverer",
                "WORKER_TASK_TYPES", "webhook",
                "WEBHOOK_SECRET", SECRET,
                "WEBHOOK_ALLOWED_HOSTS", "127.0.0.1"));
    deliverer =
        new Worker(
            pipeline.fleet,
            FleetConfig.fromEnv(env),
            Webhooks.register(
                new HandlerRegistry(),
                WebhookSettings.fromEnv(env),
                pipeline.fleet,
                List.of("webhook")));
    deliverer.start();
  }

  /** Registers the document as the coordinator does for a submit that names a callback URL. */
  private void submit(String documentId, Path file, Optional<String> callbackUrl) {
    pipeline
        .store
        .documents()
        .registerNew(
            new DocumentFile(
                documentId,
                file.toUri().toString(),
                file.getFileName().toString(),
                "application/octet-stream",
                0,
                "0".repeat(64)),
            callbackUrl);
    pipeline.submitOcr("ocr-" + documentId, documentId, file);
  }

  private List<Task> queuedWebhooks() throws Exception {
    List<Task> tasks = new java.util.ArrayList<>();
    for (String item :
        pipeline.redis().<String>getList(pipeline.keys().ready(WebhookTasks.TYPE)).readAll()) {
      tasks.add(pipeline.fleet.codec().decode(item));
    }
    return tasks;
  }

  @Test
  void aCompletedDocumentsReceiverGetsTheEventAsDocumented() throws Exception {
    startDelivering();
    submit(
        "doc-hooked",
        pipeline.file("contract.pdf", TestDocuments.textPdf(TEXT)),
        Optional.of(receiver.url("/hooks")));

    pipeline.awaitStatus("doc-hooked", "completed");
    await().atMost(Duration.ofSeconds(30)).until(() -> receiver.deliveries().size() == 1);

    DocumentRecord record = pipeline.store.documents().find("doc-hooked").orElseThrow();
    WebhookReceiver.Delivery delivery = receiver.deliveries().get(0);
    JsonNode event = pipeline.fleet.codec().mapper().readTree(delivery.body());
    assertThat(event.get("eventId").asText()).isEqualTo(WebhookEvents.eventId(record));
    assertThat(delivery.header(WebhookSignature.EVENT_ID_HEADER))
        .isEqualTo(event.get("eventId").asText());
    assertThat(event.get("type").asText()).isEqualTo("document.completed");
    assertThat(event.get("documentId").asText()).isEqualTo("doc-hooked");
    assertThat(event.get("status").asText()).isEqualTo("completed");
    assertThat(event.get("error").isNull()).isTrue();
    for (Stage stage : Stage.values()) {
      assertThat(event.get("stages").get(stage.taskType()).get("status").asText())
          .isEqualTo("done");
    }
    assertThat(event.get("links").get("document").asText())
        .isEqualTo("/api/v1/documents/doc-hooked");
    assertThat(event.get("links").get("result").asText())
        .isEqualTo("/api/v1/documents/doc-hooked/result");
    assertThat(Instant.parse(event.get("occurredAt").asText()))
        .isEqualTo(record.completedAt().orElseThrow());
    assertThat(
            WebhookSignature.verify(
                delivery.header(WebhookSignature.HEADER),
                delivery.body(),
                new Secret(SECRET),
                Instant.now(),
                WebhookSignature.DEFAULT_TOLERANCE))
        .isTrue();
  }

  @Test
  void aFailedDocumentQueuesDocumentFailedWithItsErrorAndOneWithoutCallbackQueuesNothing()
      throws Exception {
    submit(
        "doc-broken",
        pipeline.file("archive.zip", TestDocuments.zip()),
        Optional.of(receiver.url("/hooks")));
    submit("doc-quiet", pipeline.file("quiet.pdf", TestDocuments.textPdf(TEXT)), Optional.empty());

    pipeline.awaitStatus("doc-broken", "failed");
    pipeline.awaitStatus("doc-quiet", "completed");

    List<Task> webhooks = queuedWebhooks();
    assertThat(webhooks).hasSize(1);
    JsonNode event = webhooks.get(0).payload().get("event");
    DocumentRecord record = pipeline.store.documents().find("doc-broken").orElseThrow();
    assertThat(webhooks.get(0).payload().get("url").asText()).isEqualTo(receiver.url("/hooks"));
    assertThat(event.get("type").asText()).isEqualTo("document.failed");
    assertThat(event.get("status").asText()).isEqualTo("failed");
    assertThat(event.get("error").asText()).isEqualTo(record.error().orElseThrow());
    assertThat(event.get("stages").get("ocr").get("status").asText()).isEqualTo("failed");
    assertThat(event.get("eventId").asText()).isEqualTo(WebhookEvents.eventId(record));
    assertThat(webhooks.get(0).documentId()).isNull();
  }

  @Test
  void aStageTaskRunAgainAfterTheCommitQueuesTheWebhookWithTheSameEventId() throws Exception {
    submit(
        "doc-crash",
        pipeline.file("crash.pdf", TestDocuments.textPdf(TEXT)),
        Optional.of(receiver.url("/hooks")));
    pipeline.awaitStatus("doc-crash", "completed");
    await().until(() -> queuedWebhooks().size() == 1);
    String eventId = queuedWebhooks().get(0).payload().get("event").get("eventId").asText();
    // As if the process died after the commit: no webhook queued, and the idempotency key unused.
    pipeline
        .redis()
        .getKeys()
        .delete(
            pipeline.keys().ready(WebhookTasks.TYPE),
            pipeline.keys().idempotency(WebhookTasks.TYPE, "webhook:" + eventId));

    // The stage's task again (under an id of its own: the one that ran is recorded as completed,
    // where a process that died would have left it in flight for the reaper to return).
    Task structured =
        Task.of(
                "rerun-doc-crash>structured",
                Stage.STRUCTURED.taskType(),
                pipeline.fleet.codec().mapper().createObjectNode().put("documentId", "doc-crash"))
            .withDocumentId("doc-crash");
    pipeline.submitter.submit(structured);

    await().until(() -> queuedWebhooks().size() == 1);
    assertThat(queuedWebhooks().get(0).payload().get("event").get("eventId").asText())
        .isEqualTo(eventId);
    assertThat(pipeline.store.documents().find("doc-crash").orElseThrow().status().wireName())
        .isEqualTo("completed");
    assertThat(pipeline.state("doc-crash")).containsEntry("status", "completed");
  }
}
