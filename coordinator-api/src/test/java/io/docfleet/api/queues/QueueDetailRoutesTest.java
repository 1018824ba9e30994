package io.docfleet.api.queues;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docfleet.api.ConsoleSeeds;
import io.docfleet.api.TestCoordinator;
import io.docfleet.api.TestCoordinator.Answer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console's queue routes on the real Redis: a type's view, its ready, in-flight and delayed
 * items paged in the order the queue takes them, the purge of a ready list and the deletion of one
 * task's dead letters, and what each refuses.
 */
class QueueDetailRoutesTest {
  @RegisterExtension static final TestCoordinator api = TestCoordinator.withEnv(Map.of());
  private final ConsoleSeeds seeds = new ConsoleSeeds(api);

  @BeforeEach
  void empty() {
    api.reset();
  }

  private static List<String> ids(JsonNode answer) {
    List<String> ids = new ArrayList<>();
    answer.get("entries").forEach(e -> ids.add(e.get("id").asText()));
    return ids;
  }

  static void assertRefused(Answer answer, int status, String field) {
    assertThat(answer.status()).as(answer.text()).isEqualTo(status);
    assertThat(answer.json().get("field").asText()).as(answer.text()).isEqualTo(field);
    assertThat(answer.json().get("error").asText()).isNotBlank();
  }

  @Test
  void theReadyListIsPagedOldestFirstToItsEnd() {
    api.post(
        "/api/v1/tasks/noop", "[{\"id\":\"r0\"},{\"id\":\"r1\"},{\"id\":\"r2\"},{\"id\":\"r3\"}]");
    api.post("/api/v1/tasks/noop", "{\"id\":\"r4\",\"payload\":{\"n\":4}}");

    JsonNode first = api.get("/api/v1/queues/noop/ready?limit=2").json();
    assertThat(first.get("type").asText()).isEqualTo("noop");
    assertThat(first.get("total").asLong()).isEqualTo(5);
    assertThat(ids(first)).containsExactly("r0", "r1");
    assertThat(first.at("/entries/0/task/id").asText()).isEqualTo("r0");
    assertThat(ids(api.get("/api/v1/queues/noop/ready?offset=2&limit=2").json()))
        .containsExactly("r2", "r3");
    JsonNode last = api.get("/api/v1/queues/noop/ready?offset=4&limit=1").json();
    assertThat(ids(last)).containsExactly("r4");
    assertThat(last.at("/entries/0/task/payload/n").asInt()).isEqualTo(4);
    assertThat(ids(api.get("/api/v1/queues/noop/ready?offset=3&limit=50").json()))
        .containsExactly("r3", "r4");
    for (String offset :
        new String[] {"5", "1000000", Integer.toString(Integer.MAX_VALUE - 1000)}) {
      JsonNode past = api.get("/api/v1/queues/noop/ready?offset=" + offset).json();
      assertThat(past.get("entries")).as(offset).isEmpty();
      assertThat(past.get("total").asLong()).isEqualTo(5);
    }
    assertThat(ids(api.get("/api/v1/queues/noop/ready").json())).hasSize(5);
  }

  @Test
  void anItemThatIsNoTaskIsShownRaw() {
    api.post("/api/v1/tasks/noop", "{\"id\":\"r0\"}");
    api.fleet().redis().getDeque(api.fleet().keys().ready("noop")).addFirst("not json");

    JsonNode entries = api.get("/api/v1/queues/noop/ready").json().get("entries");

    assertThat(entries.get(1).get("raw").asText()).isEqualTo("not json");
    assertThat(entries.get(1).get("id").isNull()).isTrue();
    assertThat(entries.get(1).has("task")).isFalse();
  }

  @Test
  void inFlightItemsOfEveryWorkerArePagedWithTheirRecords() {
    seeds.worker("w1", List.of("noop"));
    seeds.worker("w2", List.of("noop"));
    api.post("/api/v1/tasks/noop", "[{\"id\":\"a\"},{\"id\":\"b\"},{\"id\":\"c\"},{\"id\":\"d\"}]");
    seeds.claim("noop", "w1", 2);
    api.clock().advance(Duration.ofSeconds(1));
    seeds.claim("noop", "w2", 1);

    JsonNode all = api.get("/api/v1/queues/noop/inflight").json();
    assertThat(all.get("total").asLong()).isEqualTo(3);
    assertThat(ids(all)).containsExactly("a", "b", "c");
    JsonNode a = all.get("entries").get(0);
    assertThat(a.get("worker").asText()).isEqualTo("w1");
    assertThat(a.get("attempts").asInt()).isEqualTo(1);
    assertThat(a.get("startedAt").asText()).isNotBlank();
    assertThat(a.get("task").get("id").asText()).isEqualTo("a");

    JsonNode page = api.get("/api/v1/queues/noop/inflight?offset=1&limit=2").json();
    assertThat(ids(page)).containsExactly("b", "c");
    assertThat(page.at("/entries/1/worker").asText()).isEqualTo("w2");
    JsonNode one = api.get("/api/v1/queues/noop/inflight?offset=2&limit=1").json();
    assertThat(ids(one)).containsExactly("c");
    assertThat(api.get("/api/v1/queues/noop/inflight?offset=3").json().get("entries")).isEmpty();
  }

  @Test
  void delayedItemsComeSoonestFirstWithTheirDueTime() {
    String later = api.clock().instant().plus(Duration.ofHours(3)).toString();
    String soon = api.clock().instant().plus(Duration.ofHours(1)).toString();
    String between = api.clock().instant().plus(Duration.ofHours(2)).toString();
    api.post(
        "/api/v1/tasks/noop",
        "[{\"id\":\"late\",\"notBefore\":\""
            + later
            + "\"},{\"id\":\"soon\",\"notBefore\":\""
            + soon
            + "\"},{\"id\":\"mid\",\"notBefore\":\""
            + between
            + "\"}]");

    JsonNode all = api.get("/api/v1/queues/noop/delayed").json();
    assertThat(all.get("total").asLong()).isEqualTo(3);
    assertThat(ids(all)).containsExactly("soon", "mid", "late");
    assertThat(java.time.Instant.parse(all.at("/entries/0/dueAt").asText()))
        .isEqualTo(java.time.Instant.parse(soon).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    assertThat(ids(api.get("/api/v1/queues/noop/delayed?offset=1&limit=1").json()))
        .containsExactly("mid");
    assertThat(api.get("/api/v1/queues/noop/delayed?offset=3").json().get("entries")).isEmpty();
  }

  @Test
  void aTypesViewNamesItsDepthsAndTheWorkersThatServeIt() {
    seeds.worker("w1", List.of("noop"));
    seeds.worker("w2", List.of("sleep"));
    api.post("/api/v1/tasks/noop", "[{\"id\":\"a\"},{\"id\":\"b\"}]");
    seeds.claim("noop", "w1", 1);

    JsonNode noop = api.get("/api/v1/queues/noop").json();

    assertThat(noop.get("type").asText()).isEqualTo("noop");
    assertThat(noop.get("ready").asLong()).isEqualTo(1);
    assertThat(noop.get("inFlight").asLong()).isEqualTo(1);
    assertThat(noop.get("delayed").asLong()).isZero();
    assertThat(noop.get("dead").asLong()).isZero();
    assertThat(noop.get("paused").asBoolean()).isFalse();
    assertThat(noop.get("counters").get("submitted").asLong()).isEqualTo(2);
    assertThat(noop.get("workers")).hasSize(1);
    assertThat(noop.get("workers").get(0).asText()).isEqualTo("w1");
    assertThat(api.get("/api/v1/queues/ocr").status())
        .as("a stage, before its first task")
        .isEqualTo(200);
  }

  @Test
  void unknownTypesAre404NamingTheKnownOnesAndInvalidNames400() {
    api.post("/api/v1/tasks/noop", "{\"id\":\"a\"}");
    for (String path : new String[] {"", "/ready", "/inflight", "/delayed"}) {
      Answer unknown = api.get("/api/v1/queues/made-up" + path);
      assertRefused(unknown, 404, "type");
      assertThat(unknown.json().get("error").asText()).contains("made-up").contains("noop");
      assertRefused(api.get("/api/v1/queues/bad%20type" + path), 400, "type");
      assertRefused(api.get("/api/v1/queues/%22q%22" + path), 400, "type");
      assertRefused(api.get("/api/v1/queues/caf%C3%A9" + path), 400, "type");
      assertRefused(api.get("/api/v1/queues/" + "t".repeat(65) + path), 400, "type");
    }
    for (String query :
        new String[] {"limit=0", "limit=1001", "limit=x", "offset=-1", "offset=99999999999"}) {
      String field = query.substring(0, query.indexOf('='));
      assertRefused(api.get("/api/v1/queues/noop/ready?" + query), 400, field);
      assertRefused(api.get("/api/v1/queues/noop/inflight?" + query), 400, field);
      assertRefused(api.get("/api/v1/queues/noop/delayed?" + query), 400, field);
    }
  }

  @Test
  void theReadyListOfATypeIsPurgedWithTheTokenButNeverAStages() {
    api.post("/api/v1/tasks/noop", "[{\"id\":\"a\"},{\"id\":\"b\"},{\"id\":\"c\"}]");

    assertRefused(api.request("DELETE", "/api/v1/queues/noop/ready").send(), 401, "Authorization");
    assertRefused(
        api.request("DELETE", "/api/v1/queues/noop/ready").token("wrong").send(),
        401,
        "Authorization");
    assertThat(api.ready("noop")).hasSize(3);

    Answer purged = api.delete("/api/v1/queues/noop/ready");
    assertThat(purged.status()).isEqualTo(200);
    assertThat(purged.json().get("type").asText()).isEqualTo("noop");
    assertThat(purged.json().get("purged").asLong()).isEqualTo(3);
    assertThat(api.ready("noop")).isEmpty();
    assertThat(api.get("/api/v1/queues/noop").json().at("/counters/ready_purged").asLong())
        .isEqualTo(3);
    assertThat(api.delete("/api/v1/queues/noop/ready").json().get("purged").asLong()).isZero();

    assertRefused(api.delete("/api/v1/queues/ocr/ready"), 409, "type");
    assertRefused(api.delete("/api/v1/queues/made-up/ready"), 404, "type");
  }

  @Test
  void oneTasksDeadLettersAreDeletedWithTheToken() {
    seeds.deadLetters("noop", "dead-0", "dead-1", "dead-2");

    assertRefused(
        api.request("DELETE", "/api/v1/queues/noop/dead/dead-1").send(), 401, "Authorization");
    Answer deleted = api.delete("/api/v1/queues/noop/dead/dead-1");
    assertThat(deleted.status()).as(deleted.text()).isEqualTo(200);
    assertThat(deleted.json().get("type").asText()).isEqualTo("noop");
    assertThat(deleted.json().get("id").asText()).isEqualTo("dead-1");
    assertThat(deleted.json().get("deleted").asLong()).isEqualTo(1);

    JsonNode dead = api.get("/api/v1/queues/noop/dead").json();
    assertThat(dead.get("total").asLong()).isEqualTo(2);
    assertThat(ids(dead)).containsExactlyInAnyOrder("dead-0", "dead-2");
    assertThat(api.get("/api/v1/queues/noop").json().at("/counters/dead_purged").asLong())
        .isEqualTo(1);

    Answer again = api.delete("/api/v1/queues/noop/dead/dead-1");
    assertRefused(again, 404, "id");
    assertThat(again.json().get("error").asText()).contains("dead-1");
    for (String id :
        new String[] {"a%2Fb", "%22q%22", "it%27s", "caf%C3%A9", "a%20b", "x".repeat(201)}) {
      assertThat(api.delete("/api/v1/queues/noop/dead/" + id).status()).as(id).isEqualTo(400);
    }
    assertRefused(api.delete("/api/v1/queues/noop/dead/%22q%22"), 400, "id");
    assertRefused(api.delete("/api/v1/queues/bad%20type/dead/dead-0"), 400, "type");
  }
}
