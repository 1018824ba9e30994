package io.docfleet.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.docfleet.api.TestCoordinator;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With {@code COORDINATOR_READ_AUTH=true} the event stream needs a token, which it also takes as
 * {@code ?access_token=} (a browser's EventSource cannot send headers); no other read does, and the
 * page itself, which holds no data, stays open: opened as {@code /#token=<token>} it hands the
 * token to the stream.
 */
class DashboardReadAuthTest {
  @RegisterExtension
  static final TestCoordinator api =
      TestCoordinator.withEnv(Map.of("COORDINATOR_READ_AUTH", "true"));

  private static EventStream open(String query, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "Accept";
    all[1] = "text/event-stream";
    System.arraycopy(headers, 0, all, 2, headers.length);
    return EventStream.open(
        URI.create("http://127.0.0.1:" + api.server().port() + DashboardRoutes.EVENTS + query),
        all);
  }

  @Test
  void theStreamNeedsATokenInTheHeaderOrTheQuery() throws Exception {
    try (EventStream none = open("")) {
      assertThat(none.status()).isEqualTo(401);
      assertThat(none.text()).contains("access_token").contains("\"field\":\"Authorization\"");
    }
    try (EventStream wrong = open("?access_token=not-a-token")) {
      assertThat(wrong.status()).isEqualTo(401);
      assertThat(wrong.text()).contains("\"field\":\"access_token\"").doesNotContain("not-a-token");
    }
    try (EventStream query = open("?access_token=" + TestCoordinator.TOKEN)) {
      assertThat(query.status()).isEqualTo(200);
      assertThat(query.next("snapshot").json().has("queues")).isTrue();
    }
    try (EventStream header = open("", "Authorization", "Bearer " + TestCoordinator.TOKEN)) {
      assertThat(header.status()).isEqualTo(200);
      assertThat(header.next("snapshot").json().has("workers")).isTrue();
    }
  }

  @Test
  void inABrowserThePagePassesTheTokenOfItsFragmentToTheStream() throws Exception {
    Optional<Path> chromium = Chromium.find();
    assumeTrue(
        chromium.isPresent(),
        "chromium is not installed (apt-get install -y chromium): the browser check is skipped");
    String page = "http://127.0.0.1:" + api.server().port() + "/";
    try (Chromium browser =
            Chromium.start(chromium.get(), DashboardPageTest.ARTIFACTS.resolve("read-auth"));
        DevTools tab = browser.page()) {
      tab.call("Page.navigate", Map.of("url", page));
      tab.waitFor(
          DashboardPageTest.text("[data-field=connection]"), v -> v.startsWith("refused: "));
      assertThat(tab.evaluate(DashboardPageTest.text("[data-field=notice]"))).contains("#token=");

      tab.call("Page.navigate", Map.of("url", "about:blank"));
      tab.call("Page.navigate", Map.of("url", page + "#token=" + TestCoordinator.TOKEN));
      tab.waitFor("(document.body && document.body.dataset.snapshotAt) || ''", v -> !v.isEmpty());
      // the first render comes from GET /api/v1/dashboard/snapshot; then the stream opens
      tab.waitFor(DashboardPageTest.text("[data-field=connection]"), "live"::equals);
    }
  }

  @Test
  void otherReadsDoNotTakeTheTokenFromTheQuery() {
    TestCoordinator.Answer answer = api.get("/api/v1/queues?access_token=" + TestCoordinator.TOKEN);

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.json().get("field").asText()).isEqualTo("Authorization");
  }

  @Test
  void thePageAndItsFilesStayOpen() {
    assertThat(api.get("/").status()).isEqualTo(200);
    assertThat(api.get("/dashboard/dashboard.js").status()).isEqualTo(200);
  }
}
