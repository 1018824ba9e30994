package io.docfleet.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.api.TestCoordinator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /} and its files: all served by the coordinator, nothing from elsewhere. */
class DashboardAssetsTest {
  @RegisterExtension static final TestCoordinator api = TestCoordinator.withEnv(Map.of());

  private static final Pattern LINK = Pattern.compile("(?:src|href)=\"([^\"]+)\"");

  @Test
  void thePageIsServedWithAPolicyThatAllowsOnlyItsOwnFiles() {
    TestCoordinator.Answer page = api.get("/");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.header("Content-Security-Policy"))
        .contains("default-src 'none'")
        .contains("script-src 'self'")
        .contains("connect-src 'self'");
    assertThat(page.text()).contains("data-field=\"page\"");
  }

  @Test
  void everyFileThePageLinksIsServedHere() {
    String html = api.get("/").text();
    List<String> links = new ArrayList<>();
    Matcher m = LINK.matcher(html);
    while (m.find()) {
      if (!m.group(1).startsWith("#")) { // the console's own pages
        links.add(m.group(1));
      }
    }

    assertThat(links)
        .containsExactlyInAnyOrder(
            "dashboard/dashboard.css",
            "dashboard/charts.js",
            "dashboard/console.js",
            "dashboard/pages.js",
            "dashboard/webhooks.js",
            "dashboard/spend.js",
            "dashboard/dashboard.js");
    for (String link : links) {
      TestCoordinator.Answer file = api.get("/" + link);
      assertThat(file.status()).as(link).isEqualTo(200);
      assertThat(file.text()).as(link).doesNotContain("https://").doesNotContain("//cdn");
    }
    assertThat(api.get("/dashboard/dashboard.js").header("Content-Type"))
        .startsWith("text/javascript");
    assertThat(api.get("/dashboard/dashboard.css").header("Content-Type")).startsWith("text/css");
  }

  @Test
  void onlyTheDashboardsOwnFilesAreServed() {
    for (String path : new String[] {"/dashboard/nope.js", "/dashboard/logback.xml"}) {
      TestCoordinator.Answer answer = api.get(path);
      assertThat(answer.status()).as(path).isEqualTo(404);
      assertThat(answer.json().get("field").asText()).isEqualTo("asset");
    }
    // Jetty refuses an encoded separator before routing (400); either way nothing is served
    TestCoordinator.Answer escape = api.get("/dashboard/..%2Fopenapi.json");
    assertThat(escape.status()).isIn(400, 404);
    assertThat(escape.text()).doesNotContain("\"paths\"");
  }
}
