package io.docfleet.api.queues;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docfleet.api.TestCoordinator;
import io.docfleet.api.TestCoordinator.Answer;
import io.docfleet.queue.QueuePauses;
import io.docfleet.task.Priority;
import io.docfleet.worker.queue.ClaimedItem;
import io.docfleet.worker.queue.WorkerQueue;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Priority lanes as an operator sees them: {@code GET /api/v1/queues} shows {@code ready} as every
 * lane's tasks and {@code lanes} each lane's; {@code ?lane=} pauses and resumes one lane (workers
 * go on claiming from the others); a task submitted with a priority waits in its lane.
 */
class QueueLanesRouteTest {
  @RegisterExtension static final TestCoordinator api = TestCoordinator.withEnv(Map.of());

  @BeforeEach
  void reset() {
    api.reset();
  }

  private void submit(String id, String priority) {
    String body =
        "{\"id\":\""
            + id
            + "\""
            + (priority == null ? "" : ",\"priority\":\"" + priority + "\"")
            + "}";
    assertThat(api.post("/api/v1/tasks/noop", body).status()).isLessThan(300);
  }

  @Test
  void readyCountsEveryLaneAndLanesShowsEach() {
    submit("h1", "high");
    submit("h2", "high");
    submit("n1", null);
    submit("l1", "low");

    JsonNode noop = api.queue("noop");

    assertThat(noop.get("ready").asLong()).isEqualTo(4);
    assertThat(noop.get("lanes").get("high").asLong()).isEqualTo(2);
    assertThat(noop.get("lanes").get("normal").asLong()).isEqualTo(1);
    assertThat(noop.get("lanes").get("low").asLong()).isEqualTo(1);
    assertThat(noop.get("pausedLanes")).isEmpty();
  }

  @Test
  void aPausedLaneIsSkippedByClaimsAndResumedAlone() {
    submit("h1", "high");
    submit("n1", null);

    Answer paused = api.post("/api/v1/queues/noop/pause?lane=high", "");

    assertThat(paused.status()).isEqualTo(200);
    assertThat(paused.json().get("lane").asText()).isEqualTo("high");
    assertThat(paused.json().get("changed").asBoolean()).isTrue();
    assertThat(new QueuePauses(api.fleet()).pausedLanes("noop")).containsExactly(Priority.HIGH);
    assertThat(api.queue("noop").get("paused").asBoolean()).isFalse();
    assertThat(api.queue("noop").get("pausedLanes").get(0).asText()).isEqualTo("high");
    WorkerQueue worker = new WorkerQueue(api.fleet(), "noop", "w");
    assertThat(worker.claim(5).toCompletableFuture().join().items())
        .extracting(ClaimedItem::taskId)
        .containsExactly("n1");

    Answer resumed = api.post("/api/v1/queues/noop/resume?lane=high", "");

    assertThat(resumed.json().get("changed").asBoolean()).isTrue();
    assertThat(worker.claim(5).toCompletableFuture().join().items())
        .extracting(ClaimedItem::taskId)
        .containsExactly("h1");
  }

  @Test
  void withoutALaneThePauseIsTheWholeTypesAsBefore() {
    submit("h1", "high");

    assertThat(api.post("/api/v1/queues/noop/pause", "").json().has("lane")).isFalse();

    assertThat(new QueuePauses(api.fleet()).isPaused("noop")).isTrue();
    assertThat(new QueuePauses(api.fleet()).pausedLanes("noop")).isEmpty();
    assertThat(
            new WorkerQueue(api.fleet(), "noop", "w").claim(5).toCompletableFuture().join().items())
        .isEmpty();
  }

  @Test
  void anUnknownLaneOrPriorityIsRefusedWith400() {
    submit("n1", null);

    for (String path :
        new String[] {
          "/api/v1/queues/noop/pause?lane=urgent", "/api/v1/queues/noop/resume?lane=HIGH"
        }) {
      Answer answer = api.post(path, "");
      assertThat(answer.status()).as(answer.text()).isEqualTo(400);
      assertThat(answer.json().get("field").asText()).isEqualTo("lane");
      assertThat(answer.json().get("error").asText()).contains("high, normal or low");
    }
    Answer task = api.post("/api/v1/tasks/noop", "{\"id\":\"x\",\"priority\":\"urgent\"}");
    assertThat(task.status()).as(task.text()).isEqualTo(400);
    assertThat(task.json().get("error").asText()).contains("priority");
  }

  @Test
  void theMetricsSplitTheReadyTotalByLaneAndAPurgeEmptiesEveryLane() {
    submit("h1", "high");
    submit("n1", null);
    submit("l1", "low");
    submit("l2", "low");

    String metrics = api.get("/metrics").text();

    assertThat(metrics)
        .contains("docfleet_queue_ready{type=\"noop\"} 4.0")
        .contains("docfleet_queue_lane_ready{lane=\"high\",type=\"noop\"} 1.0")
        .contains("docfleet_queue_lane_ready{lane=\"normal\",type=\"noop\"} 1.0")
        .contains("docfleet_queue_lane_ready{lane=\"low\",type=\"noop\"} 2.0");
    Answer purged = api.delete("/api/v1/queues/noop/ready");
    assertThat(purged.json().get("purged").asLong()).as(purged.text()).isEqualTo(4);
    assertThat(api.queue("noop").get("ready").asLong()).isZero();
  }

  @Test
  void theReadyPageShowsTheLaneAskedFor() {
    submit("h1", "high");
    submit("n1", null);

    JsonNode high = api.get("/api/v1/queues/noop/ready?lane=high").json();
    JsonNode normal = api.get("/api/v1/queues/noop/ready").json();

    assertThat(high.get("lane").asText()).isEqualTo("high");
    assertThat(high.get("total").asLong()).isEqualTo(1);
    assertThat(high.get("entries").get(0).get("id").asText()).isEqualTo("h1");
    assertThat(normal.get("lane").asText()).isEqualTo("normal");
    assertThat(normal.get("entries").get(0).get("id").asText()).isEqualTo("n1");
    assertThat(api.get("/api/v1/queues/noop/ready?lane=top").status()).isEqualTo(400);
  }
}
