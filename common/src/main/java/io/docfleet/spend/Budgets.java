package io.docfleet.spend;

import io.docfleet.config.ConfigException;
import io.docfleet.config.Env;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/**
 * A daily and a monthly budget in USD, either or both unset: the fleet's ({@code
 * PROVIDER_BUDGET_DAILY_USD}, {@code PROVIDER_BUDGET_MONTHLY_USD}) or one group's ({@code PUT
 * /api/v1/groups/<group>}). A budget of 0 lets nothing be spent.
 */
public record Budgets(Optional<BigDecimal> daily, Optional<BigDecimal> monthly) {
  public static final Budgets NONE = new Budgets(Optional.empty(), Optional.empty());

  public static final String DAILY_VARIABLE = "PROVIDER_BUDGET_DAILY_USD";
  public static final String MONTHLY_VARIABLE = "PROVIDER_BUDGET_MONTHLY_USD";
  public static final String RECHECK_VARIABLE = "PROVIDER_BUDGET_RECHECK";
  public static final Duration DEFAULT_RECHECK = Duration.ofMinutes(1);

  /** The fields a daily and a monthly budget are stored and sent as: USD as a decimal's text. */
  public static final String DAILY_FIELD = "budgetDailyUsd";

  public static final String MONTHLY_FIELD = "budgetMonthlyUsd";

  /** What a budget accepts, for error messages. */
  public static final String ACCEPTS = "a decimal number of USD, 0 or more (such as 25 or 12.50)";

  /**
   * The fleet's budgets from the environment.
   *
   * @throws ConfigException naming the variable when a value is not a decimal of 0 or more
   */
  public static Budgets fromEnv(Env env) {
    return new Budgets(
        env.get(DAILY_VARIABLE).map(v -> parse(DAILY_VARIABLE, v)),
        env.get(MONTHLY_VARIABLE).map(v -> parse(MONTHLY_VARIABLE, v)));
  }

  /** How long a task that waits on a budget waits before it asks again, at most. */
  public static Duration recheck(Env env) {
    Duration recheck = env.duration(RECHECK_VARIABLE, DEFAULT_RECHECK);
    if (recheck.isZero()) {
      throw new ConfigException(RECHECK_VARIABLE, "a duration above 0 such as 30s or 1m", "0");
    }
    return recheck;
  }

  /** {@code value} as a budget, when it is one: a decimal of 0 or more. */
  public static Optional<BigDecimal> parse(String value) {
    try {
      BigDecimal usd = new BigDecimal(value.trim());
      return usd.signum() < 0 ? Optional.empty() : Optional.of(usd.stripTrailingZeros());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static BigDecimal parse(String variable, String value) {
    return parse(value).orElseThrow(() -> new ConfigException(variable, ACCEPTS, value));
  }

  /** The budget of {@code period}, when one is set. */
  public Optional<BigDecimal> of(BudgetPeriod period) {
    return period == BudgetPeriod.DAILY ? daily : monthly;
  }

  /** These budgets with {@code period}'s set to {@code usd} (empty removes it). */
  public Budgets with(BudgetPeriod period, Optional<BigDecimal> usd) {
    return period == BudgetPeriod.DAILY ? new Budgets(usd, monthly) : new Budgets(daily, usd);
  }

  /** Each period's budget from these, else from {@code fallback}. */
  public Budgets orElse(Budgets fallback) {
    return new Budgets(daily.or(fallback::daily), monthly.or(fallback::monthly));
  }

  public boolean isEmpty() {
    return daily.isEmpty() && monthly.isEmpty();
  }
}
