package io.docfleet.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.docfleet.api.TestCoordinator;
import io.docfleet.api.cli.CliHarness.Result;
import io.docfleet.queue.GroupConfigs;
import io.docfleet.spend.FleetBudgets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code docfleet budgets} and {@code docfleet budgets set} against a real coordinator whose
 * environment sets a daily fleet budget of $10.
 */
class BudgetsCommandTest {
  @RegisterExtension
  static final TestCoordinator api =
      TestCoordinator.withEnv(Map.of("PROVIDER_BUDGET_DAILY_USD", "10"));

  private static final ObjectMapper JSON = new ObjectMapper();

  private CliHarness cli;

  @BeforeEach
  void setUp() {
    api.reset();
    cli = new CliHarness(api);
  }

  @Test
  void budgetsListsTheFleetsThenEachGroupsWithTheirUse() {
    Result before = cli.run("budgets");
    assertThat(before.exit()).as(before.err()).isZero();
    List<String> lines = before.out().lines().toList();
    assertThat(lines.get(0)).isEqualTo("fleet: daily $10.00, monthly none");
    assertThat(lines.get(1)).matches("SCOPE\\s+PERIOD\\s+BUDGET\\s+SPENT\\s+USE");
    assertThat(lines.get(2)).matches("fleet\\s+daily\\s+\\$10\\.00\\s+\\$0\\.00\\s+0%");

    Result group = cli.run("budgets", "set", "--group", "acme", "--daily", "0", "--monthly", "5");
    assertThat(group.exit()).as(group.err()).isZero();
    assertThat(group.out()).isEqualTo("group acme: daily $0.00, monthly $5.00\n");

    List<String> after = cli.run("budgets").out().lines().toList();
    assertThat(after).hasSize(5);
    assertThat(after.get(3)).matches("group acme\\s+daily\\s+\\$0\\.00\\s+\\$0\\.00\\s+REACHED");
    assertThat(after.get(4)).matches("group acme\\s+monthly\\s+\\$5\\.00\\s+\\$0\\.00\\s+0%");
  }

  @Test
  void budgetsSetChangesTheFleetsAndNoneGivesThePeriodBackToTheEnvironment() throws Exception {
    Result set = cli.run("budgets", "set", "--daily", "25", "--monthly", "300.5");
    assertThat(set.exit()).as(set.err()).isZero();
    assertThat(set.out()).isEqualTo("fleet: daily $25.00, monthly $300.50\n");
    assertThat(new FleetBudgets(api.fleet()).read().monthly()).isPresent();

    Result back = cli.run("budgets", "set", "--daily", "none", "--json");
    assertThat(back.exit()).as(back.err()).isZero();
    var answer = JSON.readTree(back.out());
    assertThat(answer.get("budgetDailyUsd").asText()).isEqualTo("10.00");
    assertThat(answer.get("set").get("budgetDailyUsd").isNull()).isTrue();
    assertThat(answer.get("budgetMonthlyUsd").asText()).isEqualTo("300.50");
  }

  @Test
  void aWrongAmountIsTheApisRefusalAndNothingChanges() {
    Result nothing = cli.run("budgets", "set");
    Result words = cli.run("budgets", "set", "--daily", "ten");
    Result negative = cli.run("budgets", "set", "--group", "acme", "--monthly", "-5");
    Result badGroup = cli.run("budgets", "set", "--group", "no/such", "--daily", "5");
    Result blankGroup = cli.run("budgets", "set", "--group", " ", "--daily", "5");

    assertThat(nothing.exit()).isEqualTo(2);
    assertThat(nothing.err()).startsWith("docfleet budgets set: ").contains("--daily USD|none");
    assertThat(words.exit()).isEqualTo(1);
    assertThat(words.err())
        .startsWith("docfleet budgets set: PUT /api/v1/spend/budgets failed (400)")
        .contains("[field: budgetDailyUsd]")
        .contains("decimal number of USD");
    assertThat(negative.exit()).isEqualTo(1);
    assertThat(negative.err()).contains("[field: budgetMonthlyUsd]");
    assertThat(badGroup.exit()).isEqualTo(1);
    assertThat(blankGroup.exit()).isEqualTo(2);
    assertThat(blankGroup.err()).contains("leave it out to change the fleet's budgets");
    assertThat(new FleetBudgets(api.fleet()).read().isEmpty()).isTrue();
    assertThat(new GroupConfigs(api.fleet()).readAll()).isEmpty();
  }
}
