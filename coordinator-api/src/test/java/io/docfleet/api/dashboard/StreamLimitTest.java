package io.docfleet.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.docfleet.api.TestCoordinator;
import io.docfleet.events.DocumentEvents;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The event stream needs a token by default (it names every document as it changes), and at most
 * {@code COORDINATOR_MAX_STREAMS} are open at once: one more is refused with a JSON 503, and {@code
 * /metrics} counts the open and the refused.
 */
class StreamLimitTest {
  @RegisterExtension
  static final TestCoordinator api =
      TestCoordinator.withEnv(
          Map.of("COORDINATOR_MAX_STREAMS", "2", "COORDINATOR_DASHBOARD_INTERVAL", "30s"));

  private static final String OPEN = "docfleet_coordinator_event_streams";
  private static final String REFUSED = "docfleet_coordinator_event_streams_refused_total";

  private static EventStream open(String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "Accept";
    all[1] = "text/event-stream";
    System.arraycopy(headers, 0, all, 2, headers.length);
    return EventStream.open(
        URI.create("http://127.0.0.1:" + api.server().port() + DashboardRoutes.EVENTS), all);
  }

  private static EventStream openWithToken() {
    return open("Authorization", "Bearer " + TestCoordinator.TOKEN);
  }

  /** A sample's value in the coordinator's {@code /metrics}; fails when it is missing. */
  private static double metric(String name) {
    for (String line : api.get("/metrics").text().split("\n")) {
      if (line.startsWith(name + " ")) {
        return Double.parseDouble(line.substring(name.length() + 1).trim());
      }
    }
    throw new AssertionError("no sample " + name + " in /metrics");
  }

  /** Pushes snapshots until every stream closed earlier has failed a write and freed its slot. */
  private static void forgetClosedStreams() {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              api.server().dashboard().sampleNow();
              return api.server().dashboard().streams() == 0 && metric(OPEN) == 0;
            });
  }

  @Test
  void anAnonymousStreamIsRefusedByDefaultAndHearsNothing() throws Exception {
    try (EventStream anonymous = open()) {
      new DocumentEvents(api.fleet()).publish("doc-private", "completed", "structured", 100, null);

      assertThat(anonymous.status()).isEqualTo(401);
      String refusal = anonymous.text();
      assertThat(refusal).contains("\"field\":\"Authorization\"").contains("access_token");
      assertThat(refusal).doesNotContain("doc-private");
    }
  }

  @Test
  void aStreamWithTheTokenInTheQueryIsServed() throws Exception {
    try (EventStream stream =
        EventStream.open(
            URI.create(
                "http://127.0.0.1:"
                    + api.server().port()
                    + DashboardRoutes.EVENTS
                    + "?access_token="
                    + TestCoordinator.TOKEN),
            "Accept",
            "text/event-stream")) {
      assertThat(stream.status()).isEqualTo(200);
      stream.next("snapshot");
      new DocumentEvents(api.fleet()).publish("doc-visible", "queued", "ocr", 0, null);
      assertThat(stream.next("document").json().get("documentId").asText())
          .isEqualTo("doc-visible");
    }
  }

  @Test
  void aStreamBeyondTheCapIsRefusedWithA503AndCountedInTheMetrics() throws Exception {
    forgetClosedStreams();
    double refusedBefore = metric(REFUSED);
    EventStream first = openWithToken();
    try (EventStream second = openWithToken()) {
      assertThat(first.status()).isEqualTo(200);
      assertThat(second.status()).isEqualTo(200);
      second.next("snapshot");

      try (EventStream third = openWithToken()) {
        assertThat(third.status()).isEqualTo(503);
        assertThat(third.header("Content-Type")).startsWith("application/json");
        assertThat(third.header("Retry-After")).isNotBlank();
        assertThat(third.text())
            .contains("\"field\":\"COORDINATOR_MAX_STREAMS\"")
            .contains("at most 2 event streams");
      }
      assertThat(metric(OPEN)).isEqualTo(2.0);
      assertThat(metric(REFUSED)).isEqualTo(refusedBefore + 1);

      first.close();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                api.server().dashboard().sampleNow();
                return metric(OPEN) == 1.0;
              });
      try (EventStream again = openWithToken()) {
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.next("snapshot").json().has("queues")).isTrue();
      }
    }
  }
}
