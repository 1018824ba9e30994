package io.docfleet.api.spend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.api.auth.Caller;
import io.docfleet.api.context.ApiContext;
import io.docfleet.api.http.Access;
import io.docfleet.api.http.Route;
import io.docfleet.api.http.SettingsBody;
import io.docfleet.spend.BudgetUse;
import io.docfleet.spend.Budgets;
import io.docfleet.spend.FleetBudgets;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code GET /api/v1/spend/budgets}: the fleet's budgets in force (set through the API, else the
 * coordinator's environment), each part, and every budget that is set with what its UTC period has
 * spent; {@code PUT /api/v1/spend/budgets} with {@code budgetDailyUsd} and/or {@code
 * budgetMonthlyUsd} sets the fleet's for every worker at once (null gives the period back to the
 * environment). Tasks waiting on a budget that was raised run at their next look.
 */
public final class BudgetRoutes {
  public static final String PATH = SpendRoutes.PATH + "/budgets";

  private static final List<String> FIELDS = List.of(Budgets.DAILY_FIELD, Budgets.MONTHLY_FIELD);

  private final ApiContext api;
  private final BudgetUses uses;
  private final FleetBudgets set;
  private final Budgets environment;

  public BudgetRoutes(ApiContext api, Budgets environment) {
    this.api = api;
    this.uses = new BudgetUses(api.fleet(), environment);
    this.set = new FleetBudgets(api.fleet());
    this.environment = environment;
  }

  public List<Route> routes() {
    return List.of(Route.get(PATH, Access.READ, this::show), Route.put(PATH, this::change));
  }

  private void show(Context http) {
    http.json(answer(set.read()));
  }

  private void change(Context http) {
    Caller.of(http).requireUnnamed("the fleet's budgets");
    JsonNode body = api.bodies().read(http);
    SettingsBody.check(
        body,
        "the fleet's budgets",
        FIELDS,
        "{\"budgetDailyUsd\": \"50\"} or {\"budgetMonthlyUsd\": \"1000\"} (null gives the period"
            + " back to PROVIDER_BUDGET_*_USD)");
    // each period named is written alone: a change of the other one made meanwhile is kept
    BudgetChange.read(body, "the fleet's").changes().forEach(set::write);
    http.json(answer(set.read()));
  }

  /** The answer of both routes, given the budgets set through the API as just read. */
  private ObjectNode answer(Budgets fromApi) {
    Budgets inForce = fromApi.orElse(environment);
    ObjectNode answer = api.bodies().mapper().createObjectNode();
    budgets(answer, inForce);
    budgets(answer.putObject("set"), fromApi);
    budgets(answer.putObject("environment"), environment);
    ArrayNode spent = answer.putArray("uses");
    for (BudgetUse use : uses.read(inForce)) {
      ObjectNode node = spent.addObject();
      node.put("scope", use.group().isPresent() ? "group" : "fleet");
      node.put("group", use.group().orElse(null));
      node.put("period", use.period().word());
      node.put("budgetUsd", BudgetUse.usd(use.budgetUsd()));
      node.put("spentUsd", BudgetUse.usd(use.spentUsd()));
      node.put("reached", use.reached());
    }
    return answer;
  }

  private static void budgets(ObjectNode node, Budgets budgets) {
    node.put(Budgets.DAILY_FIELD, budgets.daily().map(BudgetUse::usd).orElse(null));
    node.put(Budgets.MONTHLY_FIELD, budgets.monthly().map(BudgetUse::usd).orElse(null));
  }
}
