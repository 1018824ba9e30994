package io.docfleet.api.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docfleet.api.TestCoordinator;
import io.docfleet.api.TestCoordinator.Answer;
import io.docfleet.localservers.LocalPostgres;
import io.docfleet.testing.SlowTest;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A running coordinator whose PostgreSQL (an embedded server of the test's own) is stopped under
 * it: {@code /api/v1/health} answers 503 in the shape it has when all is well, with {@code
 * postgres_unavailable} and the error, and {@code /ready} answers 503 naming PostgreSQL.
 */
@SlowTest
class PostgresOutageHealthTest {
  private static final LocalPostgres POSTGRES = LocalPostgres.startPrivate();

  @RegisterExtension
  @Order(1)
  static final AfterAllCallback server = context -> POSTGRES.close();

  @RegisterExtension
  @Order(2)
  static final TestCoordinator api =
      TestCoordinator.withEnv(
          Map.of(
              "DATABASE_URL", POSTGRES.address().url(),
              "DATABASE_USER", POSTGRES.address().user()));

  @Test
  void aStoppedPostgresIsReportedWith503InTheSameShape() {
    Answer before = api.get("/api/v1/health");
    assertThat(before.status()).as(before.text()).isEqualTo(200);
    assertThat(before.json().get("postgres").get("status").asText()).isEqualTo("ok");

    POSTGRES.close();
    Answer down = api.get("/api/v1/health");

    assertThat(down.status()).as(down.text()).isEqualTo(503);
    JsonNode report = down.json();
    assertThat(ReportShape.of(report)).isEqualTo(ReportShape.of(before.json()));
    JsonNode postgres = report.get("postgres");
    assertThat(postgres.get("status").asText()).isEqualTo("unavailable");
    assertThat(postgres.get("error").asText()).isNotBlank();
    assertThat(postgres.get("pingMs").isNull()).isTrue();
    assertThat(postgres.get("pool").get("max").asInt()).isEqualTo(2);
    assertThat(report.get("redis").get("status").asText()).isEqualTo("ok");
    assertThat(report.get("issues").findValuesAsText("code")).contains("postgres_unavailable");
    assertThat(report.get("issues").toString()).contains("PostgreSQL does not answer: ");

    Answer ready = api.get("/ready");
    assertThat(ready.status()).isEqualTo(503);
    assertThat(ready.json().get("postgres").asText()).startsWith("failed: ");
    assertThat(ready.json().get("redis").asText()).isEqualTo("ok");
  }
}
