package io.docfleet.api.documents;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.api.TestCoordinator;
import io.docfleet.testing.TestDocuments;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code COORDINATOR_CONTENT_AUTH=false} is the explicit opt-in that opens document contents and
 * the event stream to anyone; writes still need a token.
 */
class OpenContentTest {
  @RegisterExtension
  static final TestCoordinator api =
      TestCoordinator.withEnv(Map.of("COORDINATOR_CONTENT_AUTH", "false"));

  @Test
  void resultsAndTheEventStreamAreServedWithoutAToken() throws Exception {
    api.context().store().documents().register(TestDocuments.aDocument("d1"));
    api.context().store().pages().savePages("d1", TestDocuments.pages("page one"));

    assertThat(api.get("/api/v1/documents/d1/result").json().get("text").asText())
        .isEqualTo("page one");
    HttpResponse<InputStream> stream =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + api.server().port() + "/api/v1/events"))
                    .header("Accept", "text/event-stream")
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = stream.body()) {
      assertThat(stream.statusCode()).isEqualTo(200);
    }
    assertThat(api.request("POST", "/api/v1/documents/d1/reprocess").send().status())
        .isEqualTo(401);
  }
}
