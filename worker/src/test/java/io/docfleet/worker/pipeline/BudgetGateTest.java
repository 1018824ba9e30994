package io.docfleet.worker.pipeline;

import static io.docfleet.testing.TestProviderCalls.countSpent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docfleet.config.Env;
import io.docfleet.queue.GroupConfig;
import io.docfleet.queue.GroupConfigs;
import io.docfleet.redis.FleetContext;
import io.docfleet.spend.BudgetPeriod;
import io.docfleet.spend.BudgetSettings;
import io.docfleet.spend.Budgets;
import io.docfleet.spend.FleetBudgets;
import io.docfleet.spend.ProviderPrices;
import io.docfleet.spend.SpendCounters;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import io.docfleet.worker.provider.ProviderUsage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RBatch;

/**
 * The check before a paid call, on the real Redis: the fleet's budgets set through the API or else
 * from the environment, a group's from its settings, the counters of the UTC day and month (to
 * which each check first adds the run's own calls so far, counted once), and how long a task waits
 * (the recheck interval, or less when the period rolls over sooner).
 */
class BudgetGateTest {
  @RegisterExtension static final TestRedisPrefix single = TestRedis.prefixed("budget-gate");

  private final SettableClock clock = new SettableClock(Instant.parse("2026-12-31T23:59:30Z"));
  private final FleetContext fleet = redis().context(clock);

  /** The Redis the tests run on: one server here, a cluster in {@link BudgetGateOnClusterTest}. */
  TestRedisPrefix redis() {
    return single;
  }

  private BudgetGate gate(Map<String, String> env) {
    return new BudgetGate(fleet, BudgetSettings.fromEnv(new Env(env)));
  }

  private RunCosts run(String group) {
    return new RunCosts(
        new RunCosts.Run("doc-1", group, "structured", "t-1"), ProviderPrices.defaults(), clock);
  }

  @Test
  void aReachedFleetBudgetHoldsTheCallBackUntilTheDayRollsOverAtMostTheRecheckInterval() {
    countSpent(fleet, "5.00", null);
    BudgetGate gate = gate(Map.of("PROVIDER_BUDGET_DAILY_USD", "5"));

    assertThatThrownBy(() -> gate.beforePaidCall(run(null)))
        .isInstanceOfSatisfying(
            BudgetGate.BudgetReached.class,
            reached -> {
              assertThat(reached)
                  .hasMessage("daily budget of the fleet reached: $5.00 of $5.00 spent");
              assertThat(reached.delay()).isEqualTo(Duration.ofSeconds(30)); // to midnight UTC
            });

    clock.advance(Duration.ofMinutes(1)); // a new day: nothing spent yet
    assertThatCode(() -> gate.beforePaidCall(run(null))).doesNotThrowAnyException();
  }

  @Test
  void eachCheckCountsTheRunsCallsSoFarSoOtherSlotsSeeThemBeforeTheStageEnds() throws Exception {
    clock.set(Instant.parse("2026-12-15T10:00:00Z"));
    countSpent(fleet, "0.99", null);
    BudgetGate gate = gate(Map.of("PROVIDER_BUDGET_MONTHLY_USD", "1.00"));
    RunCosts run = run(null);
    gate.beforePaidCall(run);

    run.paid(
        List.of(
            new ProviderUsage(
                "textract", ProviderUsage.DETECT_DOCUMENT_TEXT, null, Map.of("pages", 10L))));
    assertThatThrownBy(() -> gate.beforePaidCall(run))
        .isInstanceOfSatisfying(
            BudgetGate.BudgetReached.class,
            reached -> {
              assertThat(reached)
                  .hasMessage("monthly budget of the fleet reached: $1.005 of $1.00 spent");
              assertThat(reached.delay()).isEqualTo(Budgets.DEFAULT_RECHECK);
            });
    assertThat(monthSpent()).as("counted by the check").isEqualTo(1_005_000);
    assertThatThrownBy(() -> gate.beforePaidCall(run(null)))
        .as("another slot's run sees the call before its stage ends")
        .isInstanceOf(BudgetGate.BudgetReached.class);

    RBatch end = fleet.redis().createBatch();
    new RunCostWrites(fleet, null).add(end, "doc-1", run);
    end.execute();
    assertThat(monthSpent()).as("the stage's end counts it no second time").isEqualTo(1_005_000);
  }

  @Test
  void theFleetsBudgetsSetThroughTheApiTakeThePlaceOfTheEnvironments() throws Exception {
    clock.set(Instant.parse("2026-12-15T10:00:00Z"));
    countSpent(fleet, "7", null);
    BudgetGate gate = gate(Map.of("PROVIDER_BUDGET_DAILY_USD", "5"));
    assertThatThrownBy(() -> gate.beforePaidCall(run(null)))
        .hasMessage("daily budget of the fleet reached: $7.00 of $5.00 spent");

    new FleetBudgets(fleet)
        .write(new Budgets(Optional.of(new BigDecimal("20")), Optional.of(new BigDecimal("7"))));
    assertThatThrownBy(() -> gate.beforePaidCall(run(null)))
        .as("the day raised, the month lowered, with no environment for it")
        .hasMessage("monthly budget of the fleet reached: $7.00 of $7.00 spent");

    new FleetBudgets(fleet).write(new Budgets(Optional.of(new BigDecimal("20")), Optional.empty()));
    assertThatCode(() -> gate.beforePaidCall(run(null))).doesNotThrowAnyException();
    assertThatCode(() -> gate(Map.of()).beforePaidCall(run(null)))
        .as("a worker without PROVIDER_BUDGET_* holds to it as well")
        .doesNotThrowAnyException();
    new FleetBudgets(fleet)
        .write(new Budgets(Optional.of(new BigDecimal("6.5")), Optional.empty()));
    assertThatThrownBy(() -> gate(Map.of()).beforePaidCall(run(null)))
        .hasMessage("daily budget of the fleet reached: $7.00 of $6.50 spent");
  }

  private long monthSpent() {
    return new SpendCounters(fleet)
        .spentIn(clock.instant().atZone(ZoneOffset.UTC).toLocalDate(), List.of())
        .of(BudgetPeriod.MONTHLY, Optional.empty());
  }

  @Test
  void aGroupsBudgetHoldsOnlyThatGroupsCallsBack() throws Exception {
    clock.set(Instant.parse("2026-12-15T10:00:00Z"));
    new GroupConfigs(fleet)
        .write(
            "acme",
            new GroupConfig(
                OptionalInt.empty(),
                Optional.empty(),
                new Budgets(Optional.of(new BigDecimal("5.00")), Optional.empty())));
    countSpent(fleet, "5", "acme");
    BudgetGate gate = gate(Map.of("PROVIDER_BUDGET_RECHECK", "10s"));

    assertThatThrownBy(() -> gate.beforePaidCall(run("acme")))
        .isInstanceOfSatisfying(
            BudgetGate.BudgetReached.class,
            reached -> {
              assertThat(reached)
                  .hasMessage("daily budget of group acme reached: $5.00 of $5.00 spent");
              assertThat(reached.delay()).isEqualTo(Duration.ofSeconds(10));
            });
    gate.beforePaidCall(run("globex"));
    gate.beforePaidCall(run(null));
  }

  @Test
  void aBudgetOfZeroLetsNothingBePaid() {
    assertThatThrownBy(
            () -> gate(Map.of("PROVIDER_BUDGET_DAILY_USD", "0")).beforePaidCall(run(null)))
        .hasMessage("daily budget of the fleet reached: $0.00 of $0.00 spent");
  }
}
