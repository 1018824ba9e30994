package io.docfleet.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code docfleet budgets}: every provider budget in force, the fleet's and each group's, with what
 * its UTC period spent ({@code GET /api/v1/spend/budgets}); {@code docfleet budgets set --daily
 * USD|none --monthly USD|none [--group G]}: change the fleet's ({@code PUT /api/v1/spend/budgets},
 * none gives the period back to {@code PROVIDER_BUDGET_*_USD}) or a group's ({@code PUT
 * /api/v1/groups/<group>}, none removes it). The API checks the amounts.
 */
@Command(
    name = "budgets",
    mixinStandardHelpOptions = true,
    description = {
      "List the provider budgets in force and what each has spent this UTC day or month.",
      "budgets set --daily USD|none --monthly USD|none [--group G] changes one."
    })
final class BudgetsCommand implements Callable<Integer> {
  static final String PATH = "/api/v1/spend/budgets";

  private final CliContext cli;

  @Mixin JsonOption output;

  private BudgetsCommand(CliContext cli) {
    this.cli = cli;
  }

  static CommandLine commandLine(CliContext cli) {
    CommandLine budgets = new CommandLine(new BudgetsCommand(cli));
    budgets.addSubcommand(new SetBudgets(cli));
    return budgets;
  }

  @Override
  public Integer call() {
    JsonNode answer = cli.client().get(PATH);
    if (output.json) {
      cli.printJson(answer);
      return CliFailure.OK;
    }
    print(answer);
    return CliFailure.OK;
  }

  private void print(JsonNode answer) {
    cli.out()
        .printf(
            "fleet: daily %s, monthly %s%n",
            usd(answer.get("budgetDailyUsd")), usd(answer.get("budgetMonthlyUsd")));
    if (answer.path("uses").isEmpty()) {
      cli.out().println("no budget is set");
      return;
    }
    Table table = new Table("SCOPE", "PERIOD", "BUDGET", "SPENT", "USE").numeric(2, 3, 4);
    for (JsonNode use : answer.path("uses")) {
      String scope = use.path("group").isTextual() ? "group " + use.get("group").asText() : "fleet";
      table.row(
          scope,
          Formats.text(use, "period"),
          usd(use.get("budgetUsd")),
          usd(use.get("spentUsd")),
          use.path("reached").asBoolean() ? "REACHED" : share(use));
    }
    table.print(cli.out());
  }

  private static String share(JsonNode use) {
    double budget = use.path("budgetUsd").asDouble();
    return budget <= 0 ? "-" : Math.round(100 * use.path("spentUsd").asDouble() / budget) + "%";
  }

  private static String usd(JsonNode value) {
    return value == null || !value.isTextual() ? "none" : "$" + value.asText();
  }

  @Command(
      name = "set",
      mixinStandardHelpOptions = true,
      description = "Change the fleet's budgets, or a group's with --group; none removes one.")
  static final class SetBudgets implements Callable<Integer> {
    private final CliContext cli;

    @Mixin JsonOption output;

    @Option(names = "--daily", paramLabel = "USD|none", description = "the UTC day's budget")
    String daily;

    @Option(names = "--monthly", paramLabel = "USD|none", description = "the UTC month's budget")
    String monthly;

    @Option(
        names = "--group",
        paramLabel = "GROUP",
        description = "change this group's budgets instead of the fleet's")
    String group;

    SetBudgets(CliContext cli) {
      this.cli = cli;
    }

    @Override
    public Integer call() {
      if (daily == null && monthly == null) {
        throw CliFailure.usage("say what to set: --daily USD|none, --monthly USD|none");
      }
      if (group != null && group.isBlank()) {
        throw CliFailure.usage("--group names a group; leave it out to change the fleet's budgets");
      }
      ObjectNode body = cli.client().json().createObjectNode();
      GroupsCommand.putSetting(body, "budgetDailyUsd", daily);
      GroupsCommand.putSetting(body, "budgetMonthlyUsd", monthly);
      String path = group == null ? PATH : GroupsCommand.PATH + "/" + ApiClient.segment(group);
      JsonNode answer = cli.client().put(path, body);
      if (output.json) {
        cli.printJson(answer);
        return CliFailure.OK;
      }
      cli.out()
          .printf(
              "%s: daily %s, monthly %s%n",
              group == null ? "fleet" : "group " + group,
              usd(answer.get("budgetDailyUsd")),
              usd(answer.get("budgetMonthlyUsd")));
      return CliFailure.OK;
    }
  }
}
