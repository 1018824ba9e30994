package io.docfleet.spend;

import io.docfleet.config.Env;
import java.time.Duration;

/**
 * The fleet's budgets ({@code PROVIDER_BUDGET_DAILY_USD}, {@code PROVIDER_BUDGET_MONTHLY_USD}) and
 * how long a task that waits on a reached budget waits at most before it looks again ({@code
 * PROVIDER_BUDGET_RECHECK}). Groups' budgets are set through the API and kept with their settings.
 */
public record BudgetSettings(Budgets fleet, Duration recheck) {
  /** No fleet budget. */
  public static final BudgetSettings NONE =
      new BudgetSettings(Budgets.NONE, Budgets.DEFAULT_RECHECK);

  /**
   * @throws io.docfleet.config.ConfigException naming the variable with a bad value
   */
  public static BudgetSettings fromEnv(Env env) {
    return new BudgetSettings(Budgets.fromEnv(env), Budgets.recheck(env));
  }
}
