package io.docfleet.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With {@code COORDINATOR_READ_AUTH=true} reads need the token too; liveness stays open. */
class ReadAuthTest {
  @RegisterExtension
  static final TestCoordinator api =
      TestCoordinator.withEnv(Map.of("COORDINATOR_READ_AUTH", "true"));

  @Test
  void readsNeedATokenButLivenessReadinessAndTheDescriptionDoNot() {
    for (String path :
        new String[] {
          "/api/v1/queues",
          "/api/v1/workers",
          "/api/v1/health",
          "/api/v1/cache/metrics",
          "/metrics",
          "/api/v1/documents/d1",
          "/api/v1/documents?q=d",
          "/api/v1/queues/noop",
          "/api/v1/queues/noop/ready",
          "/api/v1/queues/noop/inflight",
          "/api/v1/queues/noop/delayed",
          "/api/v1/tasks/noop/t1",
          "/api/v1/workers/w1",
          "/api/v1/cache/documents"
        }) {
      TestCoordinator.Answer answer = api.get(path);
      assertThat(answer.status()).as(path).isEqualTo(401);
      assertThat(answer.json().get("field").asText()).isEqualTo("Authorization");
    }
    assertThat(api.request("GET", "/api/v1/queues").token(TestCoordinator.TOKEN).send().status())
        .isEqualTo(200);
    assertThat(api.request("GET", "/metrics").token(TestCoordinator.TOKEN).send().status())
        .isEqualTo(200);
    assertThat(api.get("/health").status()).isEqualTo(200);
    assertThat(api.get("/ready").status()).isEqualTo(200);
    assertThat(api.get("/openapi.json").status()).isEqualTo(200);
  }
}
