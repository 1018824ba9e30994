package io.docfleet.api.spend;

import io.docfleet.queue.GroupConfig;
import io.docfleet.queue.GroupConfigs;
import io.docfleet.redis.FleetContext;
import io.docfleet.spend.BudgetPeriod;
import io.docfleet.spend.BudgetUse;
import io.docfleet.spend.Budgets;
import io.docfleet.spend.FleetBudgets;
import io.docfleet.spend.SpendCounters;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every budget that is set, with what its current UTC period has spent: the fleet's (set through
 * the API, {@link FleetBudgets}, else {@code PROVIDER_BUDGET_DAILY_USD}, {@code
 * PROVIDER_BUDGET_MONTHLY_USD}) and each group's, read from the groups' settings and the live spend
 * counters, for the health report, {@code /metrics} and {@code GET /api/v1/spend/budgets}.
 */
public final class BudgetUses {
  private final FleetContext fleet;
  private final Budgets environment;

  /** {@code environment}: the fleet's budgets the coordinator's environment sets. */
  public BudgetUses(FleetContext fleet, Budgets environment) {
    this.fleet = fleet;
    this.environment = environment;
  }

  /** The fleet's budgets first, then each group's by name; none when no budget is set. */
  public List<BudgetUse> read() {
    return read(new FleetBudgets(fleet).read().orElse(environment));
  }

  /**
   * The same, {@code fleetBudgets} being the fleet's budgets in force, already read (the budgets
   * route answers with what it just read or wrote).
   */
  public List<BudgetUse> read(Budgets fleetBudgets) {
    Map<String, GroupConfig> groups = new GroupConfigs(fleet).readAll();
    groups.values().removeIf(config -> config.budgets().isEmpty());
    if (fleetBudgets.isEmpty() && groups.isEmpty()) {
      return List.of();
    }
    LocalDate today = fleet.clock().instant().atZone(ZoneOffset.UTC).toLocalDate();
    SpendCounters.PeriodSpend spent = new SpendCounters(fleet).spentIn(today, groups.keySet());
    List<BudgetUse> uses = new ArrayList<>();
    add(uses, Optional.empty(), fleetBudgets, spent);
    groups.forEach((group, config) -> add(uses, Optional.of(group), config.budgets(), spent));
    return uses;
  }

  private static void add(
      List<BudgetUse> uses,
      Optional<String> group,
      Budgets budgets,
      SpendCounters.PeriodSpend spent) {
    for (BudgetPeriod period : BudgetPeriod.values()) {
      budgets
          .of(period)
          .ifPresent(
              budget ->
                  uses.add(BudgetUse.ofMicro(group, period, budget, spent.of(period, group))));
    }
  }
}
