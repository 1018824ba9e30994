package io.docfleet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /ready} answers 503 once PostgreSQL cannot be reached, while {@code /health} stays up. */
class ReadinessTest {
  @RegisterExtension static final TestCoordinator api = TestCoordinator.withEnv(Map.of());

  @Test
  void aLostDatabaseMakesTheCoordinatorUnreadyButAlive() {
    assertThat(api.get("/ready").status()).isEqualTo(200);

    api.context().database().close();

    TestCoordinator.Answer ready = api.get("/ready");
    assertThat(ready.status()).isEqualTo(503);
    JsonNode body = ready.json();
    assertThat(body.get("ready").asBoolean()).isFalse();
    assertThat(body.get("redis").asText()).isEqualTo("ok");
    assertThat(body.get("cache").asText()).isEqualTo("ok");
    assertThat(body.get("postgres").asText()).startsWith("failed: SQL");
    assertThat(api.get("/health").status()).isEqualTo(200);
  }
}
