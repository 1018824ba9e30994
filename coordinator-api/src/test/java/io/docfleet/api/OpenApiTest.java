package io.docfleet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docfleet.api.http.Route;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /openapi.json} describes exactly the routes the server serves, and says who may call. */
class OpenApiTest {
  @RegisterExtension static final TestCoordinator api = TestCoordinator.withEnv(Map.of());

  private static JsonNode spec() throws Exception {
    return new ObjectMapper().readTree(api.get("/openapi.json").text());
  }

  private static List<String> described(JsonNode spec) {
    List<String> operations = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = spec.get("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      path.getValue()
          .fieldNames()
          .forEachRemaining(m -> operations.add(m.toUpperCase() + " " + path.getKey()));
    }
    return operations;
  }

  @Test
  void everyServedRouteIsDescribedAndNothingElse() throws Exception {
    TestCoordinator.Answer answer = api.get("/openapi.json");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("Content-Type")).startsWith("application/json");
    JsonNode spec = spec();
    assertThat(spec.get("openapi").asText()).startsWith("3.");

    assertThat(described(spec)).containsExactlyInAnyOrderElementsOf(api.server().servedRoutes());
    assertThat(api.server().servedRoutes()).hasSize(api.server().routes().size());
  }

  @Test
  void writesAndDocumentContentsDeclareTheBearerTokenAndReadsMayGoWithout() throws Exception {
    JsonNode spec = spec();
    for (Route route : api.server().routes()) {
      JsonNode operation =
          spec.get("paths").get(route.path()).get(route.method().name().toLowerCase());
      switch (route.access()) {
        case WRITE -> {
          assertThat(operation.get("security").toString())
              .as(route.path())
              .isEqualTo("[{\"bearer\":[]}]");
          assertThat(operation.get("responses").has("401")).as(route.path()).isTrue();
        }
        case READ -> assertThat(operation.get("security")).as(route.path()).hasSize(2);
        case CONTENT -> {
          assertThat(operation.get("security").toString())
              .as(route.path())
              .isEqualTo("[{\"bearer\":[]}]");
          assertThat(operation.get("responses").has("401")).as(route.path()).isTrue();
        }
        case CONTENT_STREAM -> {
          assertThat(operation.get("security").toString())
              .as(route.path())
              .isEqualTo("[{\"bearer\":[]},{\"accessToken\":[]}]");
          assertThat(operation.get("responses").has("503")).as(route.path()).isTrue();
          assertThat(spec.at("/components/securitySchemes/accessToken/name").asText())
              .isEqualTo("access_token");
        }
        case OPEN -> assertThat(operation.has("security")).as(route.path()).isFalse();
      }
    }
  }
}
