package io.docfleet.api.background;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.docfleet.api.TestCoordinator;
import io.docfleet.api.TestCoordinator.Answer;
import io.docfleet.cache.CacheSettings;
import io.docfleet.cache.ProviderCache;
import io.docfleet.cache.RedisProviderCache;
import io.docfleet.config.Env;
import io.docfleet.config.FleetConfig;
import io.docfleet.config.Secret;
import io.docfleet.testing.SlowTest;
import io.docfleet.webhook.WebhookSettings;
import io.docfleet.webhook.WebhookSignature;
import io.docfleet.worker.handler.HandlerRegistry;
import io.docfleet.worker.runtime.Worker;
import io.docfleet.worker.testing.WebhookReceiver;
import io.docfleet.worker.webhook.Webhooks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * From submit to receiver: a document submitted through the API with a callbackUrl runs through the
 * real pipeline on in-JVM workers, and the receiver gets one {@code document.completed} event,
 * signed, whose status, stages and error are those {@code GET /api/v1/documents/{id}} shows and
 * whose links answer.
 */
@SlowTest
class WebhookEndToEndTest {
  private static final String SECRET = "whsec-end-to-end";

  @RegisterExtension
  static final TestCoordinator api =
      TestCoordinator.withEnv(
          Map.of("WEBHOOK_SECRET", SECRET, "WEBHOOK_ALLOWED_HOSTS", "127.0.0.1"));

  private final WebhookReceiver receiver = new WebhookReceiver();
  private final List<Worker> workers = new ArrayList<>();
  private ProviderCache cache;

  @AfterEach
  void tearDown() {
    workers.forEach(Worker::drain);
    if (cache != null) {
      cache.close();
    }
    receiver.close();
    api.reset();
  }

  private void startWorkers() {
    cache = new RedisProviderCache(api.fleet(), CacheSettings.defaults()).start();
    workers.add(
        new TestPipeline(api.fleet(), api.context().store(), cache, api.root())
            .worker("e2e-pipeline", "ocr,entities,structured"));
    Env env =
        new Env(
            Map.of(
                "DOCFLEET_KEY_PREFIX", api.fleet().keys().prefix(),
                "WORKER_ID", "e2e-webhook",
                "WORKER_TASK_TYPES", "webhook",
                "WEBHOOK_SECRET", SECRET,
                "WEBHOOK_ALLOWED_HOSTS", "127.0.0.1"));
    Worker deliverer =
        new Worker(
            api.fleet(),
            FleetConfig.fromEnv(env),
            Webhooks.register(
                new HandlerRegistry(),
                WebhookSettings.fromEnv(env),
                api.fleet(),
                List.of("webhook")));
    deliverer.start();
    workers.add(deliverer);
  }

  @Test
  void aSubmittedDocumentCompletesAndItsReceiverGetsDocumentCompletedAsDocumented()
      throws Exception {
    Path contract =
        Files.writeString(
            api.root().resolve("contract.txt"),
            "SERVICES AGREEMENT between Acme Holdings, Inc. and Jane Roe, made on March 3, 2025.");
    startWorkers();

    Answer submitted =
        api.post(
            "/api/v1/documents",
            "{\"source\":\""
                + contract.toUri()
                + "\",\"callbackUrl\":\""
                + receiver.url("/hooks/docfleet")
                + "\"}");
    assertThat(submitted.status()).as(submitted.text()).isEqualTo(202);
    String id = submitted.json().get("documentId").asText();

    await().atMost(Duration.ofSeconds(60)).until(() -> receiver.deliveries().size() == 1);
    WebhookReceiver.Delivery delivery = receiver.deliveries().get(0);
    JsonNode event = api.context().bodies().mapper().readTree(delivery.body());
    JsonNode shown = api.get("/api/v1/documents/" + id).json();

    assertThat(delivery.path()).isEqualTo("/hooks/docfleet");
    assertThat(delivery.header("Content-Type")).isEqualTo("application/json");
    assertThat(
            WebhookSignature.verify(
                delivery.header(WebhookSignature.HEADER),
                delivery.body(),
                new Secret(SECRET),
                Instant.now(),
                WebhookSignature.DEFAULT_TOLERANCE))
        .isTrue();
    assertThat(event.fieldNames())
        .toIterable()
        .containsExactly(
            "eventId", "type", "documentId", "status", "stages", "error", "links", "occurredAt");
    assertThat(event.get("eventId").asText()).matches("evt_[0-9a-f]{32}");
    assertThat(delivery.header(WebhookSignature.EVENT_ID_HEADER))
        .isEqualTo(event.get("eventId").asText());
    assertThat(event.get("type").asText()).isEqualTo("document.completed");
    assertThat(event.get("documentId").asText()).isEqualTo(id);
    assertThat(event.get("status")).isEqualTo(shown.get("status"));
    // each stage's status and last change, as GET shows them (GET adds engines and times)
    assertThat(event.get("stages").size()).isEqualTo(shown.get("stages").size());
    shown
        .get("stages")
        .fields()
        .forEachRemaining(
            stage -> {
              JsonNode sent = event.get("stages").get(stage.getKey());
              assertThat(sent.get("status")).isEqualTo(stage.getValue().get("status"));
              assertThat(sent.get("at")).isEqualTo(stage.getValue().get("at"));
            });
    assertThat(event.get("error")).isEqualTo(shown.get("error"));
    assertThat(event.get("occurredAt")).isEqualTo(shown.get("completedAt"));
    assertThat(api.get(event.get("links").get("document").asText()).status()).isEqualTo(200);
    Answer result =
        api.request("GET", event.get("links").get("result").asText())
            .token(TestCoordinator.TOKEN)
            .send();
    assertThat(result.status()).as(result.text()).isEqualTo(200);
  }
}
