package io.docfleet.api.workers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docfleet.api.ConsoleSeeds;
import io.docfleet.api.TestCoordinator;
import io.docfleet.api.TestCoordinator.Answer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /api/v1/workers/{id}}: a worker as the list shows it, with the runs it holds. */
class WorkerDetailTest {
  @RegisterExtension static final TestCoordinator api = TestCoordinator.withEnv(Map.of());
  private final ConsoleSeeds seeds = new ConsoleSeeds(api);

  @BeforeEach
  void empty() {
    api.reset();
  }

  @Test
  void aWorkerShowsItsRegistrationCountersAndRuns() {
    seeds.worker("w1", List.of("noop", "sleep"));
    api.post("/api/v1/tasks/noop", "[{\"id\":\"a\"},{\"id\":\"b\"}]");
    api.post("/api/v1/tasks/sleep", "{\"id\":\"s\"}");
    seeds.claim("noop", "w1", 2);
    seeds.claim("sleep", "w1", 1);

    Answer answer = api.get("/api/v1/workers/w1");

    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    JsonNode worker = answer.json();
    JsonNode listed = api.get("/api/v1/workers").json().get("workers").get(0);
    listed
        .fieldNames()
        .forEachRemaining(
            field -> {
              if (!field.equals("inFlight")) {
                assertThat(worker.get(field)).as(field).isEqualTo(listed.get(field));
              }
            });
    assertThat(worker.get("inFlightCount").asLong()).isEqualTo(listed.get("inFlight").asLong());
    assertThat(worker.get("completed").asLong()).isEqualTo(3);
    assertThat(worker.get("failed").asLong()).isEqualTo(1);
    JsonNode runs = worker.get("inFlight");
    assertThat(runs).hasSize(3);
    assertThat(runs.get(0).get("type").asText()).isEqualTo("noop");
    assertThat(runs.get(0).get("id").asText()).isEqualTo("a");
    assertThat(runs.get(0).get("attempts").asInt()).isEqualTo(1);
    assertThat(runs.get(0).get("startedAt").asText()).isNotBlank();
    assertThat(runs.get(1).get("id").asText()).isEqualTo("b");
    assertThat(runs.get(2).get("type").asText()).isEqualTo("sleep");
  }

  @Test
  void aLapsedWorkerIsShownLostAndAnUnknownOneIs404() {
    api.fleet().redis().getSet(api.fleet().keys().workersIndex()).add("w-gone");

    JsonNode lost = api.get("/api/v1/workers/w-gone").json();
    assertThat(lost.get("status").asText()).isEqualTo("lost");
    assertThat(lost.get("inFlight")).isEmpty();

    Answer unknown = api.get("/api/v1/workers/nobody");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("field").asText()).isEqualTo("id");
    assertThat(unknown.json().get("error").asText()).contains("nobody");
    for (String id : new String[] {"a%2Fb", "%22q%22", "caf%C3%A9", "a%20b", "w".repeat(201)}) {
      assertThat(api.get("/api/v1/workers/" + id).status()).as(id).isEqualTo(400);
    }
    assertThat(api.get("/api/v1/workers/%22q%22").json().get("field").asText()).isEqualTo("id");
  }
}
