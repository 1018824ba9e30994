package io.docfleet.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.docfleet.api.ApiServer;
import io.docfleet.api.TestCoordinator;
import io.docfleet.events.DocumentEvents;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /api/v1/events} against the real Redis and PostgreSQL: the history and a snapshot on
 * connect, document events from {@code events:documents} as they are published, and snapshots with
 * the numbers of the JSON API. The interval is long, so the test steps the feed itself ({@link
 * DashboardFeed#sampleNow}) and the clock, instead of waiting for ticks.
 */
class DashboardStreamTest {
  @RegisterExtension
  static final TestCoordinator api =
      TestCoordinator.withEnv(Map.of("COORDINATOR_DASHBOARD_INTERVAL", "30s"));

  private final FleetSeeds seeds = new FleetSeeds(api);

  @BeforeEach
  void empty() {
    api.reset();
  }

  private static EventStream openStream() {
    return EventStream.open(
        URI.create("http://127.0.0.1:" + api.server().port() + DashboardRoutes.EVENTS),
        "Accept",
        "text/event-stream",
        "Authorization",
        "Bearer " + TestCoordinator.TOKEN);
  }

  private static DashboardFeed feed() {
    return api.server().dashboard();
  }

  private static JsonNode queue(JsonNode queues, String type) {
    for (JsonNode queue : queues) {
      if (queue.get("type").asText().equals(type)) {
        return queue;
      }
    }
    throw new AssertionError("no queue " + type + " in " + queues);
  }

  @Test
  void theSnapshotRouteAnswersTheHistoryWithCountersAndASnapshotAtOnce() throws Exception {
    seeds.readyTasks("noop", 3);
    seeds.worker("w1", List.of("noop"));
    seeds.cacheCounters("ocr", 3, 1);
    seeds.runTimes("noop", 3, 40, 40, 700);
    feed().sampleNow();

    TestCoordinator.Answer answer =
        api.request("GET", DashboardRoutes.SNAPSHOT).token(TestCoordinator.TOKEN).send();

    assertThat(answer.status()).isEqualTo(200);
    JsonNode first = answer.json();
    assertThat(first.at("/history/intervalMs").asLong()).isEqualTo(30_000);
    JsonNode sample = first.at("/history/samples").get(first.at("/history/samples").size() - 1);
    assertThat(sample.at("/queues/noop/ready").asLong()).isEqualTo(3);
    assertThat(sample.at("/queues/noop/completed").asLong()).isZero();
    assertThat(sample.at("/cache/ocr/hits").asLong()).isEqualTo(3);
    assertThat(sample.at("/cache/total/misses").asLong()).isEqualTo(1);
    assertThat(queue(first.at("/snapshot/queues"), "noop").get("ready").asLong()).isEqualTo(3);
    assertThat(first.at("/snapshot/workers/count").asInt()).isEqualTo(1);
    assertThat(first.at("/snapshot/redis/queue/status").asText()).isEqualTo("ok");
    assertThat(first.at("/history/durationBounds/0").asDouble()).isEqualTo(0.005);
    assertThat(sample.at("/durations/noop/count").asLong()).isEqualTo(4);
    // at most 5 ms: 1, 50 ms: 3, 1 s: all 4 (cumulative, on the bounds of durationBounds)
    assertThat(sample.at("/durations/noop/cumulative/0").asLong()).isEqualTo(1);
    assertThat(sample.at("/durations/noop/cumulative/3").asLong()).isEqualTo(3);
    assertThat(sample.at("/durations/noop/cumulative/7").asLong()).isEqualTo(4);
    assertThat(first.at("/snapshot/durations/noop/count").asLong()).isEqualTo(4);
    // each worker's completed tasks, as its heartbeat publishes them (for its page's throughput)
    assertThat(sample.at("/workers/w1").asLong())
        .isEqualTo(first.at("/snapshot/workers/workers/0/completed").asLong())
        .isEqualTo(3);
  }

  @Test
  void theSnapshotRouteNamesFailedDocumentsSoItNeedsAToken() {
    TestCoordinator.Answer answer = api.get(DashboardRoutes.SNAPSHOT);

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.json().get("field").asText()).isEqualTo("Authorization");
  }

  @Test
  void aStreamStartsWithHistoryAndSnapshotThenGetsDocumentEventsAsTheyHappen() throws Exception {
    seeds.readyTasks("noop", 2);
    seeds.worker("w1", List.of("noop"));

    try (EventStream stream = openStream()) {
      assertThat(stream.status()).isEqualTo(200);
      assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
      JsonNode history = stream.next("history").json();
      assertThat(history.get("intervalMs").asLong()).isEqualTo(30_000);
      assertThat(history.get("capacity").asInt()).isEqualTo(120);
      JsonNode snapshot = stream.next("snapshot").json();
      assertThat(queue(snapshot.get("queues"), "noop").get("ready").asLong()).isEqualTo(2);
      assertThat(snapshot.at("/workers/count").asInt()).isEqualTo(1);
      assertThat(snapshot.at("/workers/workers/0/id").asText()).isEqualTo("w1");

      DocumentEvents events = new DocumentEvents(api.fleet());
      assertThat(events.publish("d-live", "completed", "structured", 100, null)).isPositive();
      JsonNode event = stream.next("document").json();
      assertThat(event.get("documentId").asText()).isEqualTo("d-live");
      assertThat(event.get("status").asText()).isEqualTo("completed");
      assertThat(event.get("progress").asInt()).isEqualTo(100);

      events.publish("d-bad", "failed", "ocr", 100, "not a PDF");
      assertThat(stream.next("document").json().get("error").asText()).isEqualTo("not a PDF");
      feed().sampleNow();
      JsonNode next = stream.next("snapshot").json();
      assertThat(next.at("/documents/lastMinute").asLong()).isEqualTo(1);
      assertThat(next.at("/documents/perMinute")).hasSize(60);
      assertThat(next.at("/recentFailures/0/documentId").asText()).isEqualTo("d-bad");
      assertThat(next.at("/recentFailures/0/stage").asText()).isEqualTo("ocr");
    }
  }

  @Test
  void theHistoryHoldsTheQueueDepthsOfEveryTick() throws Exception {
    seeds.readyTasks("noop", 1);
    feed().sampleNow();
    api.clock().advance(Duration.ofSeconds(30));
    seeds.readyTasks("noop", 2);
    feed().sampleNow();

    try (EventStream stream = openStream()) {
      JsonNode samples = stream.next("history").json().get("samples");
      JsonNode last = samples.get(samples.size() - 1);
      JsonNode before = samples.get(samples.size() - 2);
      assertThat(last.at("/queues/noop/ready").asLong()).isEqualTo(3);
      assertThat(before.at("/queues/noop/ready").asLong()).isEqualTo(1);
      assertThat(last.get("at").asLong() - before.get("at").asLong()).isEqualTo(30_000);
    }
  }

  @Test
  void snapshotsShowWhatTheJsonApiShows() throws Exception {
    seeds.deadLetters("ocr", 3, "engine crashed");
    seeds.worker("w1", List.of("ocr"));
    seeds.lostWorker("w-gone");
    seeds.cacheCounters("ocr", 2, 1);
    api.clock().advance(Duration.ofSeconds(2));

    try (EventStream stream = openStream()) {
      JsonNode snapshot = stream.next("snapshot").json();
      JsonNode queues = api.get("/api/v1/queues").json().get("queues");
      JsonNode workers = api.get("/api/v1/workers").json();
      JsonNode cache = api.get("/api/v1/cache/metrics").json();

      assertThat(snapshot.get("queues")).isEqualTo(queues);
      assertThat(queue(snapshot.get("queues"), "ocr").get("dead").asLong()).isEqualTo(3);
      assertThat(snapshot.at("/workers/count")).isEqualTo(workers.get("count"));
      assertThat(snapshot.at("/workers/lost").asLong()).isEqualTo(1);
      assertThat(snapshot.at("/workers/workers")).isEqualTo(workers.get("workers"));
      assertThat(snapshot.at("/cache/byType/ocr/hitRate").asDouble())
          .isEqualTo(cache.at("/byType/ocr/hitRate").asDouble())
          .isCloseTo(2.0 / 3, offset(1e-9));
      JsonNode dead = snapshot.get("recentDeadLetters");
      assertThat(dead).hasSize(3);
      assertThat(dead.get(0).get("type").asText()).isEqualTo("ocr");
      assertThat(dead.get(0).get("error").asText()).isEqualTo("engine crashed");
      assertThat(dead.get(0).get("attempts").asInt()).isEqualTo(5);
    }
  }

  @Test
  void aRequestThatDoesNotAcceptAnEventStreamIsRefused() {
    TestCoordinator.Answer answer =
        api.request("GET", DashboardRoutes.EVENTS).token(TestCoordinator.TOKEN).send();

    assertThat(answer.status()).isEqualTo(406);
    assertThat(answer.json().get("field").asText()).isEqualTo("Accept");
  }

  @Test
  void aStreamThatWentAwayIsForgotten() throws Exception {
    forgetClosedStreams();
    EventStream stream = openStream();
    stream.next("snapshot");
    await().atMost(Duration.ofSeconds(30)).until(() -> feed().streams() == 1);

    stream.close();

    forgetClosedStreams();
    assertThat(feed().streams()).isZero();
  }

  @Test
  void closingTheServerEndsItsStreams() throws Exception {
    ApiServer second = ApiServer.start(api.resources(), "127.0.0.1", 0);
    EventStream stream =
        EventStream.open(
            URI.create("http://127.0.0.1:" + second.port() + DashboardRoutes.EVENTS),
            "Accept",
            "text/event-stream",
            "Authorization",
            "Bearer " + TestCoordinator.TOKEN);
    stream.next("snapshot");

    second.close();

    assertThat(stream.ended()).isTrue();
  }

  /** Pushes snapshots until every stream closed by an earlier test has failed a write. */
  private static void forgetClosedStreams() {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              feed().sampleNow();
              return feed().streams() == 0;
            });
  }
}
