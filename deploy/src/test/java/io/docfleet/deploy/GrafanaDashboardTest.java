package io.docfleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/grafana/docfleet-dashboard.json: a dashboard Grafana imports (one uid, panel ids unique,
 * each panel on the 24-column grid, every query on the dashboard's Prometheus variable), whose
 * queries promtool parses once Grafana's variables are filled in, and which shows what operators
 * look at: queues, throughput, workers, task durations, the cache, providers, Redis and loops. That
 * every metric it names is served: coordinator-api's MonitoringMetricsLiveTest.
 */
class GrafanaDashboardTest {
  private static final Path DASHBOARD = Repo.deploy().resolve("grafana/docfleet-dashboard.json");

  private static JsonNode dashboard() {
    try {
      return new ObjectMapper().readTree(DASHBOARD.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The panels that query (rows left out). */
  private static List<JsonNode> panels() {
    List<JsonNode> panels = new ArrayList<>();
    dashboard().path("panels").forEach(p -> panels.add(p));
    return panels.stream().filter(p -> !p.path("type").asText().equals("row")).toList();
  }

  private static List<String> expressions() {
    List<String> expressions = new ArrayList<>();
    for (JsonNode panel : panels()) {
      panel.path("targets").forEach(target -> expressions.add(target.path("expr").asText()));
    }
    return expressions;
  }

  @Test
  void grafanaCanImportIt() {
    JsonNode dashboard = dashboard();
    assertThat(dashboard.path("uid").asText()).isEqualTo("docfleet");
    assertThat(dashboard.path("templating").path("list").findValuesAsText("name"))
        .contains("datasource", "type");
    Set<Integer> ids = new HashSet<>();
    for (JsonNode panel : dashboard.path("panels")) {
      String title = panel.path("title").asText();
      assertThat(ids.add(panel.path("id").asInt())).as("id of " + title + " is unique").isTrue();
      JsonNode grid = panel.path("gridPos");
      assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as(title).isBetween(1, 24);
    }
    assertThat(panels()).hasSizeGreaterThan(20);
    for (JsonNode panel : panels()) {
      String title = panel.path("title").asText();
      assertThat(panel.path("datasource").path("uid").asText())
          .as(title + " datasource")
          .isEqualTo("${datasource}");
      assertThat(panel.path("targets")).as(title + " queries").isNotEmpty();
      for (JsonNode target : panel.path("targets")) {
        assertThat(target.path("expr").asText()).as(title + " query").isNotBlank();
        assertThat(target.path("datasource").path("uid").asText())
            .as(title + " query's datasource")
            .isEqualTo("${datasource}");
      }
    }
  }

  @Test
  void itShowsWhatOperatorsLookAt() {
    String queries = String.join("\n", expressions());
    assertThat(queries)
        .contains(
            "docfleet_queue_ready",
            "docfleet_queue_in_flight",
            "docfleet_queue_delayed",
            "docfleet_queue_dead",
            "docfleet_tasks_completed_total",
            "docfleet_tasks_failed_total",
            "docfleet_tasks_dead_lettered_total",
            "docfleet_workers",
            "docfleet_queue_workers",
            "docfleet_worker_heartbeat_age_seconds",
            "histogram_quantile(0.95, max by (type, le) (rate(docfleet_task_duration_seconds_bucket",
            "docfleet_cache_hits_total",
            "docfleet_cache_misses_total",
            "docfleet_provider_call_duration_seconds_count",
            "docfleet_provider_call_errors_total",
            "docfleet_provider_call_duration_seconds_bucket",
            "docfleet_redis_memory_used_bytes",
            "docfleet_redis_memory_max_bytes",
            "docfleet_redis_evicted_keys_total",
            "docfleet_loop_failures_total");
    JsonNode hitRate =
        panels().stream()
            .filter(p -> p.path("title").asText().equals("Hit rate"))
            .findFirst()
            .orElseThrow();
    assertThat(
            hitRate
                .path("fieldConfig")
                .path("defaults")
                .path("thresholds")
                .findValuesAsText("value"))
        .as("the hit rate's line at 80%")
        .contains("0.8");
  }

  @Test
  void promtoolParsesEveryQuery(@TempDir Path folder) throws IOException {
    Path promtool =
        Commands.required(
            "promtool", "apt-get install prometheus", "the dashboard's queries were not parsed");
    // Each query as a recording rule, Grafana's variables filled in as Grafana fills them.
    StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
    List<String> expressions = expressions();
    for (int i = 0; i < expressions.size(); i++) {
      String expr =
          expressions
              .get(i)
              .replace("$__rate_interval", "1m")
              .replace("$type", ".*")
              .replace("\\", "\\\\")
              .replace("\"", "\\\"");
      rules.append("      - record: dashboard:query_").append(i).append('\n');
      rules.append("        expr: \"").append(expr).append("\"\n");
    }
    Path file = Files.writeString(folder.resolve("dashboard-queries.yml"), rules);

    Commands.Result result =
        Commands.run(Repo.root(), promtool.toString(), "check", "rules", file.toString());

    assertThat(result.exitCode()).as(rules + "\n" + result.out() + result.err()).isZero();
    assertThat(result.out()).contains("SUCCESS: " + expressions.size() + " rules found");
  }
}
