package io.docfleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * deploy/prometheus: promtool accepts the rules and passes their unit tests (where promtool is
 * installed; in CI it must be), in which every alert both fires and stays quiet; the Prometheus
 * Operator's PrometheusRule holds the same groups as the plain rules file; every alert says how
 * bad, what, and where its runbook is (a row of the README that names it).
 */
class PrometheusRulesTest {
  private static final Path FOLDER = Repo.deploy().resolve("prometheus");
  private static final Path RULES = FOLDER.resolve("docfleet-rules.yml");
  private static final Path OPERATOR_RULE = FOLDER.resolve("docfleet-prometheusrule.yaml");
  private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");

  private static ObjectNode only(Path file) {
    List<ObjectNode> documents = Yaml.documents(file);
    assertThat(documents).as(Repo.relative(file)).hasSize(1);
    return documents.get(0);
  }

  /** Every alerting rule of the plain file, by alert name. */
  private static Map<String, JsonNode> alerts() {
    Map<String, JsonNode> alerts = new TreeMap<>();
    for (JsonNode group : only(RULES).path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        if (rule.has("alert")) {
          assertThat(alerts.put(rule.path("alert").asText(), rule))
              .as("alert %s twice", rule.path("alert").asText())
              .isNull();
        }
      }
    }
    return alerts;
  }

  private static List<Path> unitTests() {
    try (Stream<Path> files = Files.list(FOLDER.resolve("tests"))) {
      return files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path promtool() {
    return Commands.required(
        "promtool",
        "apt-get install prometheus",
        "the alert rules were not checked or unit-tested");
  }

  @Test
  void promtoolAcceptsTheRules() {
    Commands.Result result =
        Commands.run(Repo.root(), promtool().toString(), "check", "rules", RULES.toString());

    assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
    assertThat(result.out()).contains("SUCCESS: " + alerts().size() + " rules found");
  }

  @Test
  void everyPromtoolUnitTestPasses() {
    List<String> command = new ArrayList<>(List.of(promtool().toString(), "test", "rules"));
    unitTests().forEach(test -> command.add(test.toString()));

    Commands.Result result = Commands.run(Repo.root(), command.toArray(String[]::new));

    assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
    assertThat(result.out()).doesNotContain("FAILED");
  }

  @Test
  void everyAlertHasAUnitTestWhereItFiresAndOneWhereItDoesNot() {
    Set<String> fires = new TreeSet<>();
    Set<String> quiet = new TreeSet<>();
    for (Path test : unitTests()) {
      ObjectNode tests = only(test);
      assertThat(tests.path("rule_files").get(0).asText())
          .as(Repo.relative(test) + " rule_files")
          .isEqualTo("../docfleet-rules.yml");
      for (JsonNode unit : tests.path("tests")) {
        for (JsonNode check : unit.path("alert_rule_test")) {
          String alert = check.path("alertname").asText();
          (check.path("exp_alerts").isEmpty() ? quiet : fires).add(alert);
        }
      }
    }
    assertThat(fires).as("alerts a test sees fire").isEqualTo(alerts().keySet());
    assertThat(quiet).as("alerts a test sees stay quiet").isEqualTo(alerts().keySet());
  }

  @Test
  void thePrometheusRuleHoldsTheSameGroupsAsThePlainFile() {
    ObjectNode rule = only(OPERATOR_RULE);

    assertThat(rule.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(rule.path("kind").asText()).isEqualTo("PrometheusRule");
    assertThat(rule.path("metadata").path("namespace").asText()).isEqualTo("docfleet");
    assertThat(rule.path("spec").path("groups"))
        .as(
            "spec.groups of %s must be the groups of %s (regenerate it with the command in its"
                + " header)",
            Repo.relative(OPERATOR_RULE), Repo.relative(RULES))
        .isEqualTo(only(RULES).path("groups"));
  }

  @Test
  void everyAlertSaysHowBadWhatAndWhereItsRunbookIs() {
    String readme = Repo.read(Repo.root().resolve("README.md"));
    Set<String> anchors = MarkdownLinks.anchors(readme);
    assertThat(alerts()).hasSizeGreaterThanOrEqualTo(9);
    alerts()
        .forEach(
            (name, rule) -> {
              assertThat(rule.path("labels").path("severity").asText())
                  .as(name + " severity")
                  .isIn(SEVERITIES);
              assertThat(rule.path("annotations").path("summary").asText())
                  .as(name + " summary")
                  .isNotBlank();
              assertThat(rule.path("annotations").path("description").asText())
                  .as(name + " description")
                  .isNotBlank();
              String runbook = rule.path("annotations").path("runbook_url").asText();
              String anchor = name.toLowerCase(Locale.ROOT);
              assertThat(runbook).as(name + " runbook_url").isEqualTo("README.md#" + anchor);
              assertThat(anchors).as("README.md anchors").contains(anchor);
              assertThat(readme)
                  .as("README.md's row of " + name)
                  .contains("<a id=\"" + anchor + "\"></a>`" + name + "`");
            });
  }
}
