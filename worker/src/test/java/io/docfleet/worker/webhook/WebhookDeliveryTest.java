package io.docfleet.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.config.Env;
import io.docfleet.config.FleetConfig;
import io.docfleet.config.Secret;
import io.docfleet.queue.DeadLetter;
import io.docfleet.queue.DeadLetters;
import io.docfleet.queue.QueueCounter;
import io.docfleet.queue.QueueInspector;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.RedisKeys;
import io.docfleet.task.Task;
import io.docfleet.task.TaskCodec;
import io.docfleet.testing.TestRedis;
import io.docfleet.webhook.WebhookSettings;
import io.docfleet.webhook.WebhookSignature;
import io.docfleet.webhook.WebhookTasks;
import io.docfleet.worker.handler.PermanentTaskException;
import io.docfleet.worker.runtime.Worker;
import io.docfleet.worker.testing.WebhookReceiver;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code webhook} task type on a real worker and Redis, against a receiver on 127.0.0.1 ({@code
 * WEBHOOK_ALLOWED_HOSTS=127.0.0.1}): retried with the queue's backoff until a 2xx, signed so the
 * receiver can verify it, dead-lettered when the receiver stays down while other tasks run on,
 * never following a redirect, and never sent to a refused address.
 */
class WebhookDeliveryTest {
  private static final String SECRET = "whsec-delivery-test";
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final String prefix = TestRedis.uniquePrefix("webhook");
  private final FleetContext fleet =
      new FleetContext(
          TestRedis.client(), new RedisKeys(prefix), new TaskCodec(), Clock.systemUTC());
  private final TaskSubmitter submitter =
      new TaskSubmitter(fleet, FleetConfig.QueueSettings.defaults());
  private final List<AutoCloseable> receivers = new ArrayList<>();
  private Worker worker;

  @BeforeEach
  void startWorker() {
    worker =
        WebhookWorkers.started(
            fleet,
            "webhook-w1",
            SECRET,
            List.of("webhook", "sleep"),
            Map.of("WORKER_CONCURRENCY", "4", "TASK_MAX_ATTEMPTS", "4"));
  }

  @AfterEach
  void stop() throws Exception {
    worker.drain();
    for (AutoCloseable receiver : receivers) {
      receiver.close();
    }
    TestRedis.deleteKeys(fleet.redis(), prefix);
  }

  private WebhookReceiver receiver() {
    WebhookReceiver receiver = new WebhookReceiver();
    receivers.add(receiver);
    return receiver;
  }

  private ObjectNode event(String eventId) {
    ObjectNode event = fleet.codec().mapper().createObjectNode();
    event.put("eventId", eventId);
    event.put("type", "document.completed");
    event.put("documentId", "doc-" + eventId);
    event.put("status", "completed");
    return event;
  }

  private List<DeadLetter> dead() {
    return new DeadLetters(fleet, WebhookTasks.TYPE).list(0, 100);
  }

  @Test
  void aReceiverThatFailsTwiceGetsTheEventOnTheThirdDeliverySignedValidly() {
    WebhookReceiver receiver = receiver().answering(n -> n <= 2 ? 503 : 200);
    ObjectNode event = event("evt_third_time");

    submitter.submit(WebhookTasks.of(receiver.url("/hooks/docfleet"), event));

    await().atMost(WAIT).until(() -> receiver.deliveries().size() == 3);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(
                        new QueueInspector(fleet)
                            .stats(WebhookTasks.TYPE)
                            .counter(QueueCounter.COMPLETED))
                    .isEqualTo(1));
    WebhookReceiver.Delivery third = receiver.deliveries().get(2);
    assertThat(third.path()).isEqualTo("/hooks/docfleet");
    assertThat(third.header("Content-Type")).isEqualTo("application/json");
    assertThat(third.text()).isEqualTo(event.toString());
    assertThat(receiver.deliveries())
        .extracting(d -> d.header(WebhookSignature.EVENT_ID_HEADER))
        .containsOnly("evt_third_time");
    String signature = third.header(WebhookSignature.HEADER);
    assertThat(signature).matches("t=\\d+,v1=[0-9a-f]{64}");
    assertThat(
            WebhookSignature.verify(
                signature,
                third.body(),
                new Secret(SECRET),
                Instant.now(),
                WebhookSignature.DEFAULT_TOLERANCE))
        .isTrue();
    assertThat(
            WebhookSignature.verify(
                signature,
                third.text().replace("completed", "failed").getBytes(StandardCharsets.UTF_8),
                new Secret(SECRET),
                Instant.now(),
                WebhookSignature.DEFAULT_TOLERANCE))
        .isFalse();
    assertThat(dead()).isEmpty();
  }

  @Test
  void aReceiverThatIsDownIsRetriedThenDeadLetteredWhileOtherTasksComplete() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    submitter.submit(
        WebhookTasks.of("http://127.0.0.1:" + closedPort + "/hook", event("evt_down")));
    List<Task> sleeps = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      sleeps.add(
          Task.of("sleep-" + i, "sleep", fleet.codec().mapper().createObjectNode().put("ms", 20)));
    }
    submitter.submitAll(sleeps);

    await().atMost(WAIT).until(() -> dead().size() == 1);
    DeadLetter letter = dead().get(0);
    assertThat(letter.attempts()).isEqualTo(4);
    assertThat(letter.error())
        .startsWith("failed 4 of 4 attempts, last: could not connect to 127.0.0.1")
        .doesNotContain(SECRET);
    assertThat(new QueueInspector(fleet).stats("sleep").counter(QueueCounter.COMPLETED))
        .isEqualTo(20);
  }

  @Test
  void aRedirectIsNotFollowed() {
    WebhookReceiver target = receiver();
    WebhookReceiver redirecting =
        receiver().answering(n -> 302).redirectingTo(target.url("/stolen"));

    submitter.submit(WebhookTasks.of(redirecting.url("/hook"), event("evt_redirect")));

    await().atMost(WAIT).until(() -> dead().size() == 1);
    assertThat(dead().get(0).error()).contains("answered 302 (redirects are not followed)");
    assertThat(redirecting.deliveries()).hasSize(4);
    assertThat(target.deliveries()).isEmpty();
  }

  @Test
  void aRefusedAddressIsDeadLetteredAtOnceWithTheReason() {
    submitter.submit(WebhookTasks.of("http://10.0.0.5/hook", event("evt_private")));
    submitter.submit(
        WebhookTasks.of("http://169.254.169.254/latest/meta-data/", event("evt_metadata")));

    await().atMost(WAIT).until(() -> dead().size() == 2);
    assertThat(dead())
        .extracting(DeadLetter::error)
        .containsExactlyInAnyOrder(
            "failed permanently: not delivered: callbackUrl host 10.0.0.5 is a private address;"
                + " webhooks reach such addresses only when WEBHOOK_ALLOWED_HOSTS lists them",
            "failed permanently: not delivered: callbackUrl host 169.254.169.254 is a link-local"
                + " address; webhooks reach such addresses only when WEBHOOK_ALLOWED_HOSTS lists"
                + " them");
    assertThat(dead()).extracting(DeadLetter::attempts).containsOnly(1);
  }

  @Test
  void withoutASecretNothingIsSentAndTheReasonSaysWhy() {
    WebhookReceiver receiver = receiver();
    WebhookHandler unsigned =
        new WebhookHandler(
            WebhookSettings.fromEnv(new Env(Map.of("WEBHOOK_ALLOWED_HOSTS", "127.0.0.1"))), fleet);

    assertThatThrownBy(
            () -> unsigned.handle(WebhookTasks.of(receiver.url("/h"), event("evt_unsigned"))))
        .isInstanceOf(PermanentTaskException.class)
        .hasMessage("WEBHOOK_SECRET is not set on this worker: the event cannot be signed");
    assertThat(receiver.deliveries()).isEmpty();
  }
}
