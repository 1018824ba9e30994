package io.docfleet.api.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docfleet.api.ConsoleSeeds;
import io.docfleet.api.TestCoordinator;
import io.docfleet.api.TestCoordinator.Answer;
import io.docfleet.queue.TaskLocator;
import io.docfleet.queue.TaskRecord;
import io.docfleet.queue.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /api/v1/tasks/{type}/{id}} on the real Redis: a task found ready, in flight, delayed,
 * dead or only by its record, with its timeline; unknown past the scans' bound; 404 and 400.
 */
class TaskDetailRoutesTest {
  @RegisterExtension static final TestCoordinator api = TestCoordinator.withEnv(Map.of());
  private final ConsoleSeeds seeds = new ConsoleSeeds(api);

  @BeforeEach
  void empty() {
    api.reset();
  }

  private static List<String> events(JsonNode task) {
    List<String> events = new ArrayList<>();
    task.get("timeline").forEach(e -> events.add(e.get("event").asText()));
    return events;
  }

  private void record(String type, String id, TaskRecord record) {
    api.fleet()
        .redis()
        .getMap(
            api.fleet().keys().runs().assignments(type),
            org.redisson.client.codec.StringCodec.INSTANCE)
        .put(id, record.toJson());
  }

  @Test
  void aReadyTaskHasNoRecordYetAndShowsItsItem() {
    api.post("/api/v1/tasks/noop", "{\"id\":\"t1\",\"payload\":{\"x\":1}}");

    Answer answer = api.get("/api/v1/tasks/noop/t1");

    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    JsonNode task = answer.json();
    assertThat(task.get("id").asText()).isEqualTo("t1");
    assertThat(task.get("type").asText()).isEqualTo("noop");
    assertThat(task.get("status").asText()).isEqualTo("unknown");
    assertThat(task.get("record").isNull()).isTrue();
    assertThat(task.get("location").asText()).isEqualTo("ready");
    assertThat(task.get("worker").isNull()).isTrue();
    assertThat(task.at("/task/payload/x").asInt()).isEqualTo(1);
    assertThat(task.get("dead").isNull()).isTrue();
    assertThat(events(task)).containsExactly("enqueued");
  }

  @Test
  void aRunningTaskIsInFlightOnItsWorker() {
    seeds.worker("w1", List.of("noop"));
    api.post("/api/v1/tasks/noop", "[{\"id\":\"t1\"},{\"id\":\"t2\"}]");
    api.clock().advance(Duration.ofSeconds(3));
    seeds.claim("noop", "w1", 2);

    JsonNode task = api.get("/api/v1/tasks/noop/t2").json();

    assertThat(task.get("status").asText()).isEqualTo("running");
    assertThat(task.get("location").asText()).isEqualTo("inflight");
    assertThat(task.get("worker").asText()).isEqualTo("w1");
    assertThat(task.at("/record/attempts").asInt()).isEqualTo(1);
    assertThat(task.at("/record/worker").asText()).isEqualTo("w1");
    assertThat(events(task)).containsExactly("enqueued", "started");
    assertThat(task.at("/timeline/1/detail").asText()).isEqualTo("attempt 1 on w1");
  }

  @Test
  void aDelayedTaskShowsWhenItIsDue() {
    String due = api.clock().instant().plus(Duration.ofHours(1)).toString();
    api.post("/api/v1/tasks/noop", "{\"id\":\"later\",\"notBefore\":\"" + due + "\"}");

    JsonNode task = api.get("/api/v1/tasks/noop/later").json();

    assertThat(task.get("location").asText()).isEqualTo("delayed");
    assertThat(java.time.Instant.parse(task.get("dueAt").asText()))
        .isEqualTo(java.time.Instant.parse(due).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
  }

  @Test
  void aDeadTaskShowsItsDeadLetterAndWhyOnItsTimeline() {
    seeds.deadLetters("noop", "d1");

    JsonNode task = api.get("/api/v1/tasks/noop/d1").json();

    assertThat(task.get("location").asText())
        .as("the seed left its record running")
        .isEqualTo("dead");
    assertThat(task.at("/dead/error").asText()).isEqualTo("boom");
    assertThat(task.at("/dead/worker").asText()).isEqualTo("w-dead");
    assertThat(task.at("/dead/attempts").asInt()).isEqualTo(5);
    assertThat(task.at("/task/id").asText()).isEqualTo("d1");
    assertThat(events(task)).contains("started", "dead-lettered");
  }

  @Test
  void aCompletedTaskIsFoundByItsRecordAlone() {
    long started = api.clock().millis();
    record(
        "noop", "done", TaskRecord.completed("w1", 2, started, started + 1500, "first try failed"));

    JsonNode task = api.get("/api/v1/tasks/noop/done").json();

    assertThat(task.get("status").asText()).isEqualTo("completed");
    assertThat(task.get("location").asText()).isEqualTo("none");
    assertThat(task.get("task").isNull()).isTrue();
    assertThat(task.at("/record/attempts").asInt()).isEqualTo(2);
    assertThat(task.at("/record/completed_at").asLong()).isEqualTo(started + 1500);
    assertThat(task.at("/record/last_error").asText()).isEqualTo("first try failed");
    assertThat(events(task)).containsExactly("started", "completed");
  }

  @Test
  void pastTheScansBoundTheLocationIsUnknownWithANote() {
    record("noop", "far", TaskRecord.ended(TaskStatus.WAITING, "w1", 1, 1, 2, null));
    List<String> items = new ArrayList<>();
    for (int i = 0; i <= TaskLocator.SCAN_LIMIT; i++) {
      items.add("{\"id\":\"filler-" + i + "\",\"type\":\"noop\"}");
    }
    api.fleet().redis().getList(api.fleet().keys().ready("noop")).addAll(items);

    JsonNode task = api.get("/api/v1/tasks/noop/far").json();

    assertThat(task.get("location").asText()).isEqualTo("unknown");
    assertThat(task.get("note").asText()).contains("10000").contains("ready list");
    assertThat(task.get("status").asText()).isEqualTo("waiting");
  }

  @Test
  void aStageTaskIdWithItsSeparatorsIsLookedUp() {
    String id = "doc-1-ocr-0a1b2c3d>entities";
    record("entities", id, TaskRecord.completed("w1", 1, 1, 2, null));

    Answer answer = api.get("/api/v1/tasks/entities/doc-1-ocr-0a1b2c3d%3Eentities");

    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    assertThat(answer.json().get("id").asText()).isEqualTo(id);
  }

  @Test
  void unknownTasksAre404AndBadIdsOrTypes400() {
    Answer unknown = api.get("/api/v1/tasks/noop/nothing-here");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("field").asText()).isEqualTo("id");
    assertThat(unknown.json().get("error").asText()).contains("nothing-here").contains("noop");

    for (String id :
        new String[] {"a%2Fb", "%22q%22", "it%27s", "caf%C3%A9", "a%20b", "x".repeat(201)}) {
      Answer bad = api.get("/api/v1/tasks/noop/" + id);
      assertThat(bad.status()).as(id + ": " + bad.text()).isEqualTo(400);
    }
    assertThat(api.get("/api/v1/tasks/noop/%22q%22").json().get("field").asText()).isEqualTo("id");
    assertThat(api.get("/api/v1/tasks/bad%20type/t1").json().get("field").asText())
        .isEqualTo("type");
    assertThat(api.get("/api/v1/tasks/" + "t".repeat(65) + "/t1").status()).isEqualTo(400);
  }
}
