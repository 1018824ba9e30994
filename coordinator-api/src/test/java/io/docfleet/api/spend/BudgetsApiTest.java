package io.docfleet.api.spend;

import static io.docfleet.api.TestCoordinator.TOKEN;
import static io.docfleet.testing.TestProviderCalls.countSpent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docfleet.api.TestCoordinator;
import io.docfleet.api.TestCoordinator.Answer;
import io.docfleet.api.metrics.CoordinatorMetrics;
import io.docfleet.queue.GroupConfigs;
import io.docfleet.spend.Budgets;
import io.docfleet.spend.FleetBudgets;
import io.docfleet.testing.PrometheusText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Provider budgets on the coordinator, on the real Redis and PostgreSQL: a group's set through
 * {@code PUT /api/v1/groups/{group}} (checked, shown, removed), the fleet's from {@code
 * PROVIDER_BUDGET_DAILY_USD}; the health report's {@code budget_high} at 80% and {@code
 * budget_reached} at 100%; and the budgets and their spend as gauges on {@code /metrics}.
 */
class BudgetsApiTest {
  private static final String ACME_TOKEN = "acme-only-token";

  @RegisterExtension
  static final TestCoordinator api =
      TestCoordinator.withEnv(
          Map.of(
              "PROVIDER_BUDGET_DAILY_USD",
              "10",
              "COORDINATOR_API_TOKENS",
              TOKEN + ",acme:" + ACME_TOKEN));

  @BeforeEach
  void reset() {
    api.reset();
    api.clock().advance(CoordinatorMetrics.READ_CACHE); // no reading of an earlier test
  }

  private Answer putFleet(String body) {
    return api.request("PUT", BudgetRoutes.PATH).token(TOKEN).json(body).send();
  }

  private Answer put(String group, String body) {
    return api.request("PUT", "/api/v1/groups/" + group).token(TOKEN).json(body).send();
  }

  private List<String> issues(String code) {
    Answer health = api.get("/api/v1/health");
    List<String> messages = new ArrayList<>();
    for (JsonNode issue : health.json().get("issues")) {
      if (issue.get("code").asText().equals(code)) {
        messages.add(issue.get("severity").asText() + " " + issue.get("message").asText());
      }
    }
    return messages;
  }

  @Test
  void aGroupsBudgetsAreSetShownAndRemovedThroughTheApi() {
    Answer set = put("acme", "{\"budgetDailyUsd\": \"5.00\", \"budgetMonthlyUsd\": 100}");
    assertThat(set.status()).as(set.text()).isEqualTo(200);
    assertThat(set.json().get("budgetDailyUsd").asText()).isEqualTo("5.00");
    assertThat(set.json().get("budgetMonthlyUsd").asText()).isEqualTo("100.00");
    assertThat(new GroupConfigs(api.fleet()).read("acme").budgets().daily())
        .hasValueSatisfying(usd -> assertThat(usd).isEqualByComparingTo("5"));

    JsonNode shown = api.get("/api/v1/groups/acme").json();
    assertThat(shown.get("budgetDailyUsd").asText()).isEqualTo("5.00");
    assertThat(shown.get("budgetMonthlyUsd").asText()).isEqualTo("100.00");

    assertThat(put("acme", "{\"concurrency\": 2}").json().get("budgetDailyUsd").asText())
        .as("a field left out keeps its value")
        .isEqualTo("5.00");
    Answer removed = put("acme", "{\"budgetDailyUsd\": null, \"budgetMonthlyUsd\": \"0.125\"}");
    assertThat(removed.json().get("budgetDailyUsd").isNull()).isTrue();
    assertThat(removed.json().get("budgetMonthlyUsd").asText()).isEqualTo("0.125");
  }

  @Test
  void aBadBudgetIsRefusedNamingItsField() {
    for (String bad : new String[] {"-1", "\"ten\"", "true", "\"1e3x\"", "{}", "1e12"}) {
      Answer refused = put("acme", "{\"budgetMonthlyUsd\": " + bad + "}");
      assertThat(refused.status()).as(bad + ": " + refused.text()).isEqualTo(400);
      assertThat(refused.json().get("field").asText()).isEqualTo("budgetMonthlyUsd");
      assertThat(refused.json().get("error").asText()).contains("decimal number of USD");
    }
    Answer daily = put("acme", "{\"budgetDailyUsd\": \"-0.01\"}");
    assertThat(daily.status()).isEqualTo(400);
    assertThat(daily.json().get("field").asText()).isEqualTo("budgetDailyUsd");
    assertThat(new GroupConfigs(api.fleet()).readAll()).as("nothing stored").isEmpty();
  }

  @Test
  void theFleetsBudgetsSetThroughTheApiTakeThePlaceOfTheEnvironmentsUntilRemoved() {
    JsonNode before = api.get(BudgetRoutes.PATH).json();
    assertThat(before.get("budgetDailyUsd").asText()).isEqualTo("10.00");
    assertThat(before.get("budgetMonthlyUsd").isNull()).isTrue();
    assertThat(before.get("set").get("budgetDailyUsd").isNull()).isTrue();
    assertThat(before.get("environment").get("budgetDailyUsd").asText()).isEqualTo("10.00");
    countSpent(api.fleet(), "8.50", null);
    assertThat(issues("budget_high")).hasSize(1);

    Answer raised = putFleet("{\"budgetDailyUsd\": \"25\", \"budgetMonthlyUsd\": 300.5}");

    assertThat(raised.status()).as(raised.text()).isEqualTo(200);
    assertThat(raised.json().get("budgetDailyUsd").asText()).isEqualTo("25.00");
    assertThat(raised.json().get("budgetMonthlyUsd").asText()).isEqualTo("300.50");
    assertThat(raised.json().get("set").get("budgetDailyUsd").asText()).isEqualTo("25.00");
    assertThat(raised.json().get("environment").get("budgetDailyUsd").asText()).isEqualTo("10.00");
    assertThat(raised.json().get("uses").get(0).toString())
        .isEqualTo(
            "{\"scope\":\"fleet\",\"group\":null,\"period\":\"daily\",\"budgetUsd\":\"25.00\","
                + "\"spentUsd\":\"8.50\",\"reached\":false}");
    assertThat(new FleetBudgets(api.fleet()).read().daily())
        .hasValueSatisfying(usd -> assertThat(usd).isEqualByComparingTo("25"));
    api.clock().advance(CoordinatorMetrics.READ_CACHE);
    assertThat(issues("budget_high")).as("8.50 of 25: no longer high").isEmpty();
    PrometheusText metrics = PrometheusText.parse(api.get("/metrics").text());
    assertThat(
            metrics.value(
                "docfleet_provider_budget_usd", "scope", "fleet", "group", "", "period", "daily"))
        .isEqualTo(25);

    Answer kept = putFleet("{\"budgetDailyUsd\": null}");
    assertThat(kept.json().get("budgetDailyUsd").asText())
        .as("null gives the day back to the environment")
        .isEqualTo("10.00");
    assertThat(kept.json().get("budgetMonthlyUsd").asText())
        .as("a field left out keeps its value")
        .isEqualTo("300.50");
  }

  @Test
  void twoChangesAtOnceOfTheTwoPeriodsBothHoldTheFleetsAndAGroups() throws Exception {
    bothHoldWhenChangedAtOnce(BudgetRoutes.PATH, () -> new FleetBudgets(api.fleet()).read());
    bothHoldWhenChangedAtOnce(
        "/api/v1/groups/acme", () -> new GroupConfigs(api.fleet()).read("acme").budgets());
  }

  /** PUTs the daily and the monthly budget at {@code path} at once, 20 times: both hold. */
  private void bothHoldWhenChangedAtOnce(String path, Supplier<Budgets> stored) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(2);
    try {
      for (int round = 1; round <= 20; round++) {
        String usd = Integer.toString(round);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Answer>> puts = new ArrayList<>();
        for (String field : List.of("budgetDailyUsd", "budgetMonthlyUsd")) {
          puts.add(
              clients.submit(
                  () -> {
                    go.await();
                    return api.request("PUT", path)
                        .token(TOKEN)
                        .json("{\"" + field + "\": " + usd + "}")
                        .send();
                  }));
        }
        go.countDown();
        for (Future<Answer> put : puts) {
          assertThat(put.get().status()).isEqualTo(200);
        }

        Budgets now = stored.get();
        assertThat(now.daily())
            .as(path + ", round " + round)
            .hasValueSatisfying(d -> assertThat(d).isEqualByComparingTo(usd));
        assertThat(now.monthly())
            .as(path + ", round " + round)
            .hasValueSatisfying(m -> assertThat(m).isEqualByComparingTo(usd));
      }
    } finally {
      clients.shutdownNow();
    }
  }

  @Test
  void aBadFleetBudgetChangeIsRefusedAndChangesNothing() {
    putFleet("{\"budgetMonthlyUsd\": 50}");
    String[][] refusals = {
      {"{\"budgetDailyUsd\": -1}", "budgetDailyUsd", "decimal number of USD"},
      {"{\"budgetDailyUsd\": \"1e12\"}", "budgetDailyUsd", "decimal number of USD"},
      {"{\"budgetMonthlyUsd\": [1]}", "budgetMonthlyUsd", "decimal number of USD"},
      {"{\"budgetDailyUsd\": 5, \"daily\": 5}", "daily", "unknown field 'daily'"},
      {"{}", "body", "name what to change"},
      {"[1]", "body", "JSON object"},
    };
    for (String[] refusal : refusals) {
      Answer refused = putFleet(refusal[0]);
      assertThat(refused.status()).as(refusal[0] + ": " + refused.text()).isEqualTo(400);
      assertThat(refused.json().get("field").asText()).isEqualTo(refusal[1]);
      assertThat(refused.json().get("error").asText()).contains(refusal[2]);
    }
    Answer named =
        api.request("PUT", BudgetRoutes.PATH)
            .token(ACME_TOKEN)
            .json("{\"budgetDailyUsd\": 1000}")
            .send();
    assertThat(named.status()).isEqualTo(403);
    assertThat(named.json().get("field").asText()).isEqualTo("Authorization");
    Answer anonymous =
        api.request("PUT", BudgetRoutes.PATH).json("{\"budgetDailyUsd\": 1000}").send();
    assertThat(anonymous.status()).isEqualTo(401);

    Budgets stored = new FleetBudgets(api.fleet()).read();
    assertThat(stored.daily()).as("only the first change was stored").isEmpty();
    assertThat(stored.monthly())
        .hasValueSatisfying(usd -> assertThat(usd).isEqualByComparingTo("50"));
  }

  @Test
  void healthWarnsAt80PercentOfABudgetAndIsCriticalOnceOneIsReached() {
    assertThat(issues("budget_high")).isEmpty();
    countSpent(api.fleet(), "8.50", null);
    assertThat(issues("budget_high"))
        .containsExactly("warning daily budget of the fleet at 85%: $8.50 of $10.00 spent");

    put("acme", "{\"budgetMonthlyUsd\": \"2\"}");
    countSpent(api.fleet(), "1.50", "acme"); // the fleet's 10.00 now, acme's 1.50
    countSpent(api.fleet(), "0.50", "acme");
    assertThat(issues("budget_reached"))
        .containsExactly(
            "critical daily budget of the fleet reached: $10.50 of $10.00 spent; tasks that would"
                + " call a paid provider wait until the period rolls over or the budget is raised",
            "critical monthly budget of group acme reached: $2.00 of $2.00 spent; tasks that would"
                + " call a paid provider wait until the period rolls over or the budget is raised");
    assertThat(api.get("/api/v1/health").json().get("status").asText()).isEqualTo("critical");
  }

  @Test
  void theBudgetsAndTheirPeriodsSpendAreGaugesOnMetrics() {
    put("acme", "{\"budgetDailyUsd\": \"5\"}");
    countSpent(api.fleet(), "1.25", "acme");

    PrometheusText metrics = PrometheusText.parse(api.get("/metrics").text());

    assertThat(metrics.type("docfleet_provider_budget_usd")).contains("gauge");
    assertThat(
            metrics.value(
                "docfleet_provider_budget_usd", "scope", "fleet", "group", "", "period", "daily"))
        .isEqualTo(10);
    assertThat(
            metrics.value(
                "docfleet_provider_budget_spent_usd",
                "scope",
                "fleet",
                "group",
                "",
                "period",
                "daily"))
        .isEqualTo(1.25);
    assertThat(
            metrics.value(
                "docfleet_provider_budget_usd",
                "scope",
                "group",
                "group",
                "acme",
                "period",
                "daily"))
        .isEqualTo(5);
    assertThat(
            metrics.value(
                "docfleet_provider_budget_spent_usd",
                "scope",
                "group",
                "group",
                "acme",
                "period",
                "daily"))
        .isEqualTo(1.25);
    assertThat(metrics.samples("docfleet_provider_budget_usd"))
        .as("no monthly budget is set: no gauge for it")
        .hasSize(2);
  }
}
