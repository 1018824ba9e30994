package io.docfleet.api.workers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docfleet.api.TestCoordinator;
import io.docfleet.config.Concurrency;
import io.docfleet.worker.heartbeat.Heartbeat;
import io.docfleet.worker.heartbeat.WorkerCounters;
import io.docfleet.worker.heartbeat.WorkerRegistration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /api/v1/workers} shows the port of each worker's {@code /health}, {@code /ready} and
 * {@code /metrics}, as its registration published it (several workers on one host each have their
 * own); null for a worker that serves none.
 */
class WorkersApiHttpPortTest {
  @RegisterExtension static final TestCoordinator api = TestCoordinator.withEnv(Map.of());

  @BeforeEach
  void empty() {
    api.reset();
  }

  private void register(String id, OptionalInt httpPort) {
    new Heartbeat(
            api.fleet(),
            new WorkerRegistration(
                id,
                "h",
                1,
                List.of("noop"),
                new Concurrency(2, Map.of()),
                api.clock().instant(),
                httpPort),
            Duration.ofSeconds(5),
            Duration.ofSeconds(15),
            () -> new WorkerCounters(0, 0, 0))
        .beat();
  }

  private JsonNode worker(String id) {
    for (JsonNode worker : api.get("/api/v1/workers").json().get("workers")) {
      if (worker.get("id").asText().equals(id)) {
        return worker;
      }
    }
    throw new AssertionError("no worker " + id);
  }

  @Test
  void eachWorkerShowsThePortItServesOrNullWhenItServesNone() {
    register("w-port", OptionalInt.of(40123));
    register("w-none", OptionalInt.empty());

    assertThat(worker("w-port").get("httpPort").asInt()).isEqualTo(40123);
    assertThat(worker("w-none").get("httpPort").isNull()).isTrue();
  }
}
