package io.docfleet.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docfleet.api.TestCoordinator;
import io.docfleet.api.metrics.CoordinatorMetrics;
import io.docfleet.testing.PrometheusText;
import io.docfleet.webhook.DeliveryOutcome;
import io.docfleet.webhook.WebhookDestinations;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /api/v1/webhooks/destinations} and {@code docfleet_webhook_deliveries_total} show the
 * deliveries per destination as workers counted them in Redis, most failed attempts first.
 */
class WebhookDestinationsApiTest {
  @RegisterExtension static final TestCoordinator api = TestCoordinator.withEnv(Map.of());

  private WebhookDestinations destinations;

  @BeforeEach
  void reset() {
    api.reset();
    api.clock().advance(CoordinatorMetrics.READ_CACHE); // no reading of an earlier test
    destinations = new WebhookDestinations(api.fleet());
  }

  /** Counts attempts for {@code destination} as a worker does. */
  private void attempts(
      String destination, int count, List<DeliveryOutcome> outcomes, String error, long latency) {
    for (int i = 0; i < count; i++) {
      destinations
          .record(
              new WebhookDestinations.Attempt(
                  destination, outcomes, Optional.of(latency), Optional.ofNullable(error)))
          .toCompletableFuture()
          .join();
    }
  }

  private void seedTwoDestinations() {
    attempts("https://fine.example", 5, List.of(DeliveryOutcome.DELIVERED), null, 40);
    attempts("http://flaky.example:8080", 2, List.of(DeliveryOutcome.FAILED), "503", 12);
    attempts("http://flaky.example:8080", 1, List.of(DeliveryOutcome.DELIVERED), null, 30);
    attempts(
        "http://flaky.example:8080",
        1,
        List.of(DeliveryOutcome.FAILED, DeliveryOutcome.DEAD_LETTERED),
        "ConnectException",
        7);
  }

  @Test
  void listsEachDestinationWithItsCountsMostFailuresFirst() {
    seedTwoDestinations();

    TestCoordinator.Answer answer = api.get("/api/v1/webhooks/destinations");

    assertThat(answer.status()).isEqualTo(200);
    JsonNode body = answer.json();
    assertThat(body.get("count").asInt()).isEqualTo(2);
    JsonNode flaky = body.get("destinations").get(0);
    assertThat(flaky.get("destination").asText()).isEqualTo("http://flaky.example:8080");
    assertThat(flaky.get("delivered").asLong()).isEqualTo(1);
    assertThat(flaky.get("failed").asLong()).isEqualTo(3);
    assertThat(flaky.get("deadLettered").asLong()).isEqualTo(1);
    assertThat(flaky.get("lastError").asText()).isEqualTo("ConnectException");
    assertThat(flaky.get("lastErrorAt").asText()).isEqualTo(nowInMillis().toString());
    assertThat(flaky.get("lastLatencyMs").asLong()).isEqualTo(7);
    JsonNode fine = body.get("destinations").get(1);
    assertThat(fine.get("destination").asText()).isEqualTo("https://fine.example");
    assertThat(fine.get("delivered").asLong()).isEqualTo(5);
    assertThat(fine.get("failed").asLong()).isZero();
    assertThat(fine.get("lastError").isNull()).isTrue();
    assertThat(Instant.parse(fine.get("lastDeliveredAt").asText())).isEqualTo(nowInMillis());
  }

  private Instant nowInMillis() {
    return Instant.ofEpochMilli(api.clock().millis());
  }

  @Test
  void withNoDeliveryTheListIsEmpty() {
    JsonNode body = api.get("/api/v1/webhooks/destinations").json();

    assertThat(body.get("count").asInt()).isZero();
    assertThat(body.get("destinations")).isEmpty();
  }

  @Test
  void metricsCountEveryOutcomeByDestination() {
    seedTwoDestinations();

    PrometheusText metrics = PrometheusText.parse(api.get("/metrics").text());

    assertThat(metrics.type("docfleet_webhook_deliveries_total")).contains("counter");
    assertThat(metrics.samples("docfleet_webhook_deliveries_total"))
        .extracting(
            s -> s.labels().get("destination") + " " + s.labels().get("outcome"), s -> s.value())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("http://flaky.example:8080 delivered", 1.0),
            org.assertj.core.groups.Tuple.tuple("http://flaky.example:8080 failed", 3.0),
            org.assertj.core.groups.Tuple.tuple("http://flaky.example:8080 dead_lettered", 1.0),
            org.assertj.core.groups.Tuple.tuple("https://fine.example delivered", 5.0),
            org.assertj.core.groups.Tuple.tuple("https://fine.example failed", 0.0),
            org.assertj.core.groups.Tuple.tuple("https://fine.example dead_lettered", 0.0));
  }

  @Test
  void pastTheCapTheLeastRecentlyUsedDestinationIsDroppedWithItsHash() {
    for (int i = 0; i <= WebhookDestinations.MAX_DESTINATIONS; i++) {
      attempts("http://h" + i + ".example", 1, List.of(DeliveryOutcome.DELIVERED), null, 1);
      api.clock().advance(java.time.Duration.ofMillis(1));
    }

    List<String> kept = destinations.list().stream().map(d -> d.destination()).toList();

    assertThat(kept)
        .hasSize(WebhookDestinations.MAX_DESTINATIONS)
        .doesNotContain("http://h0.example");
    assertThat(
            api.fleet()
                .redis()
                .getKeys()
                .countExists(api.fleet().keys().metrics().webhookDestination("http://h0.example")))
        .isZero();
  }
}
