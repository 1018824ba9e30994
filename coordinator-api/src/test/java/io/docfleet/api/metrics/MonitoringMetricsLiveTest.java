package io.docfleet.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.docfleet.api.TestCoordinator;
import io.docfleet.store.DatabaseSettings;
import io.docfleet.testing.PrometheusText;
import io.docfleet.testing.SlowTest;
import io.docfleet.testing.TestRedis;
import io.docfleet.worker.WorkerProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every metric that deploy/prometheus's alert rules and deploy/grafana's dashboard name is one that
 * a real coordinator or a real worker process serves at {@code /metrics}, once documents went
 * through the pipeline: the names are read from each expression by {@link PromQlMetricNames}, and
 * each must be the name of a sample in one of the two scrapes (not only a {@code # TYPE} line).
 */
@SlowTest
class MonitoringMetricsLiveTest {
  // a budget's gauges are served only while a budget is set (the budget alerts read them)
  @RegisterExtension
  static final TestCoordinator api =
      TestCoordinator.withEnv(
          Map.of("PROVIDER_BUDGET_DAILY_USD", "1000", "PROVIDER_BUDGET_MONTHLY_USD", "20000"));

  private static final Pattern LABEL_VALUES =
      Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*,\\s*(\\w+)\\s*\\)");
  private static final Duration WAIT = Duration.ofSeconds(90);

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void everyMetricTheAlertsAndTheDashboardNameIsServed() throws Exception {
    Path deploy = deployFolder();
    Map<String, Set<String>> usedBy = new TreeMap<>();
    alertExpressions(deploy.resolve("prometheus/docfleet-rules.yml"))
        .forEach((alert, expr) -> use(usedBy, PromQlMetricNames.of(expr), "alert " + alert));
    JsonNode dashboard =
        new ObjectMapper().readTree(deploy.resolve("grafana/docfleet-dashboard.json").toFile());
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        use(
            usedBy,
            PromQlMetricNames.of(target.path("expr").asText()),
            "panel '" + panel.path("title").asText() + "'");
      }
    }
    Map<String, String> variableLabels = new TreeMap<>();
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      Matcher values = LABEL_VALUES.matcher(variable.path("query").path("query").asText());
      if (values.find()) {
        use(usedBy, Set.of(values.group(1)), "variable $" + variable.path("name").asText());
        variableLabels.put(values.group(1), values.group(2));
      }
    }
    assertThat(usedBy).as("names read from the rules and the dashboard").hasSizeGreaterThan(25);

    List<PrometheusText> scrapes = scrapeAfterDocumentsRan();

    Set<String> served = new TreeSet<>();
    scrapes.forEach(scrape -> scrape.samples().forEach(sample -> served.add(sample.name())));
    Map<String, Set<String>> missing = new TreeMap<>(usedBy);
    missing.keySet().removeAll(served);
    assertThat(missing)
        .as("metrics used but served by neither the coordinator nor the worker")
        .isEmpty();
    variableLabels.forEach(
        (metric, label) ->
            assertThat(
                    scrapes.stream()
                        .flatMap(scrape -> scrape.samples(metric).stream())
                        .anyMatch(sample -> sample.labels().containsKey(label)))
                .as("a %s sample with the label %s", metric, label)
                .isTrue());
  }

  /**
   * Starts a pipeline worker process, has it process three documents (the third a copy of the
   * first, which the cache answers), and scrapes the worker and then the coordinator once the
   * worker's flushes reached the fleet's histograms.
   */
  private List<PrometheusText> scrapeAfterDocumentsRan() throws Exception {
    int port = freePort();
    DatabaseSettings db = api.db().settings();
    WorkerProcess.Spec spec =
        WorkerProcess.aWorker("metrics-worker")
            .against(Map.of("REDIS_URL", TestRedis.url()), api.fleet().keys().prefix())
            .httpPort(port)
            .with("WORKER_TASK_TYPES", "ocr,entities,structured")
            .with("OCR_ENGINE", "pdfbox")
            .with("DOCFLEET_FILE_ROOTS", api.root().toString())
            .with("DATABASE_URL", db.url())
            .with("DATABASE_USER", db.user())
            .with("DATABASE_POOL_SIZE", "2");
    if (db.password().isPresent()) {
      spec = spec.with("DATABASE_PASSWORD", db.password().get().value());
    }
    try (WorkerProcess worker = spec.start()) {
      await().atMost(WAIT).until(() -> status(port, "/ready") == 200 || !worker.isAlive());
      assertThat(worker.isAlive()).as(worker.output()).isTrue();

      List<String> documents = new ArrayList<>();
      documents.add(
          submit(
              "contract.txt",
              "Agreement between Acme Holdings, Inc. and Northwind LLC, March 3, 2025, for $1,250.00."));
      documents.add(
          submit("invoice.txt", "Invoice 42 to billing@acme.example, due April 1, 2025: $99.00."));
      documents.add(
          submit(
              "contract-copy.txt",
              "Agreement between Acme Holdings, Inc. and Northwind LLC, March 3, 2025, for $1,250.00."));
      for (String document : documents) {
        await()
            .atMost(WAIT)
            .until(
                () ->
                    "completed"
                        .equals(
                            api.get("/api/v1/documents/" + document)
                                .json()
                                .path("status")
                                .asText()));
      }

      PrometheusText workerScrape = PrometheusText.parse(get(port, "/metrics").body());
      PrometheusText coordinatorScrape =
          await()
              .atMost(WAIT)
              .until(
                  this::coordinatorScrape,
                  scrape ->
                      scrape
                          .find("docfleet_task_duration_seconds_count", "type", "structured")
                          .map(sample -> sample.value() >= documents.size())
                          .orElse(false));
      worker.terminate();
      assertThat(worker.awaitExit(WAIT)).as(worker.output()).isEqualTo(143);
      return List.of(coordinatorScrape, workerScrape);
    }
  }

  private PrometheusText coordinatorScrape() {
    api.clock().advance(CoordinatorMetrics.READ_CACHE); // a new reading, not the cached one
    TestCoordinator.Answer answer = api.get("/metrics");
    assertThat(answer.status()).isEqualTo(200);
    return PrometheusText.parse(answer.text());
  }

  private String submit(String name, String text) throws IOException {
    Path file = Files.writeString(api.root().resolve(name), text);
    TestCoordinator.Answer answer =
        api.post("/api/v1/documents", "{\"source\":\"" + file.toUri() + "\"}");
    assertThat(answer.status()).as(answer.text()).isEqualTo(202);
    return answer.json().path("documentId").asText();
  }

  private static void use(Map<String, Set<String>> usedBy, Set<String> names, String where) {
    names.forEach(name -> usedBy.computeIfAbsent(name, n -> new TreeSet<>()).add(where));
  }

  /** Every alert's expression, by alert name. */
  private static Map<String, String> alertExpressions(Path rules) throws IOException {
    Map<String, String> expressions = new TreeMap<>();
    for (JsonNode group : new YAMLMapper().readTree(rules.toFile()).path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        expressions.put(
            rule.path("alert").asText(rule.path("record").asText()), rule.path("expr").asText());
      }
    }
    assertThat(expressions).as(rules.toString()).isNotEmpty();
    return expressions;
  }

  /** deploy/ of the repository, above the module's working folder. */
  private static Path deployFolder() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null
        && !Files.isRegularFile(dir.resolve("deploy/prometheus/docfleet-rules.yml"))) {
      dir = dir.getParent();
    }
    assertThat(dir)
        .as("a deploy/prometheus/docfleet-rules.yml above the working folder")
        .isNotNull();
    return dir.resolve("deploy");
  }

  private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private int status(int port, String path) throws InterruptedException {
    try {
      return get(port, path).statusCode();
    } catch (IOException e) {
      return -1; // not listening yet
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
