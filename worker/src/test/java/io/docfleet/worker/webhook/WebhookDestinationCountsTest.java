package io.docfleet.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.config.FleetConfig;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.RedisKeys;
import io.docfleet.task.TaskCodec;
import io.docfleet.testing.TestRedis;
import io.docfleet.webhook.DestinationStats;
import io.docfleet.webhook.WebhookDestinations;
import io.docfleet.webhook.WebhookTasks;
import io.docfleet.worker.runtime.Worker;
import io.docfleet.worker.testing.WebhookReceiver;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each webhook attempt counts for its destination, the callback URL's origin, in Redis: on a real
 * worker, a receiver that fails twice then accepts shows two failed attempts and one delivery; a
 * receiver that is down ends dead-lettered; and no key or field ever holds the URL's path or query.
 */
class WebhookDestinationCountsTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final String prefix = TestRedis.uniquePrefix("webhook-counts");
  private final FleetContext fleet =
      new FleetContext(
          TestRedis.client(), new RedisKeys(prefix), new TaskCodec(), Clock.systemUTC());
  private final TaskSubmitter submitter =
      new TaskSubmitter(fleet, FleetConfig.QueueSettings.defaults());
  private final WebhookDestinations destinations = new WebhookDestinations(fleet);
  private final WebhookReceiver receiver = new WebhookReceiver();
  private Worker worker;

  @BeforeEach
  void startWorker() {
    worker =
        WebhookWorkers.started(
            fleet,
            "webhook-counts-w1",
            "whsec-counts-test",
            List.of("webhook"),
            Map.of("TASK_MAX_ATTEMPTS", "3"));
  }

  @AfterEach
  void stop() throws Exception {
    worker.drain();
    receiver.close();
    TestRedis.deleteKeys(fleet.redis(), prefix);
  }

  private ObjectNode event(String eventId) {
    return fleet.codec().mapper().createObjectNode().put("eventId", eventId);
  }

  private Optional<DestinationStats> destination(String origin) {
    return destinations.list().stream().filter(d -> d.destination().equals(origin)).findFirst();
  }

  @Test
  void aReceiverThatFailsTwiceThenAcceptsShowsTwoFailedAttemptsAndOneDelivery() {
    receiver.answering(n -> n <= 2 ? 503 : 200);
    String url = receiver.url("/hooks/docfleet?token=s3cr3t-in-query");
    String origin = url.substring(0, url.indexOf("/hooks"));

    submitter.submit(WebhookTasks.of(url, event("evt_twice")));

    await()
        .atMost(WAIT)
        .until(() -> destination(origin).map(d -> d.delivered() == 1).orElse(false));
    DestinationStats stats = destination(origin).orElseThrow();
    assertThat(stats.failed()).isEqualTo(2);
    assertThat(stats.deadLettered()).isZero();
    assertThat(stats.lastError()).contains("503");
    assertThat(stats.lastErrorAt()).isPresent();
    assertThat(stats.lastDeliveredAt()).isPresent();
    assertThat(stats.lastLatencyMs()).isPresent();
    assertThat(stats.lastLatencyMs().orElseThrow()).isNotNegative();
  }

  @Test
  void aReceiverThatIsDownEndsDeadLetteredAfterEveryAttemptFailed() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String origin = "http://127.0.0.1:" + closedPort;

    submitter.submit(WebhookTasks.of(origin + "/hook", event("evt_down")));

    await()
        .atMost(WAIT)
        .until(() -> destination(origin).map(d -> d.deadLettered() == 1).orElse(false));
    DestinationStats stats = destination(origin).orElseThrow();
    assertThat(stats.failed()).isEqualTo(3);
    assertThat(stats.delivered()).isZero();
    assertThat(stats.lastError()).contains("ConnectException");
    assertThat(stats.lastDeliveredAt()).isEmpty();
  }

  @Test
  void noKeyOrFieldHoldsTheCallbackUrlsPathOrQuery() {
    receiver.answering(n -> 204);
    String url = receiver.url("/hooks/tenant-7/docfleet?token=s3cr3t-in-query#frag");

    submitter.submit(WebhookTasks.of(url, event("evt_private_path")));

    await().atMost(WAIT).until(() -> destinations.list().size() == 1);
    await().atMost(WAIT).until(() -> destinations.list().get(0).delivered() == 1);
    assertThat(destinations.list().get(0).destination())
        .isEqualTo("http://127.0.0.1:" + url.split(":")[2].split("/")[0]);
    List<String> keys =
        fleet
            .redis()
            .getKeys()
            .getKeysStreamByPattern("{" + prefix + "metrics}:webhook_*")
            .toList();
    assertThat(keys).hasSize(2);
    for (String key : keys) {
      assertThat(key).doesNotContain("hooks/").doesNotContain("token").doesNotContain("s3cr3t");
      String dump =
          fleet.redis().getKeys().getType(key) == org.redisson.api.RType.MAP
              ? fleet
                  .redis()
                  .getMap(key, org.redisson.client.codec.StringCodec.INSTANCE)
                  .readAllMap()
                  .toString()
              : fleet
                  .redis()
                  .getScoredSortedSet(key, org.redisson.client.codec.StringCodec.INSTANCE)
                  .readAll()
                  .toString();
      assertThat(dump).doesNotContain("hooks/").doesNotContain("token").doesNotContain("s3cr3t");
    }
  }
}
