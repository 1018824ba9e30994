package io.docfleet.spend;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * How much of one budget the current period has spent: the fleet's ({@code group} empty) or one
 * group's, daily or monthly, in USD.
 */
public record BudgetUse(
    Optional<String> group, BudgetPeriod period, BigDecimal budgetUsd, BigDecimal spentUsd) {

  private static final BigDecimal MICRO = BigDecimal.valueOf(1_000_000);

  /** A use read from the counters, in micro-USD. */
  public static BudgetUse ofMicro(
      Optional<String> group, BudgetPeriod period, BigDecimal budgetUsd, long spentMicroUsd) {
    return new BudgetUse(
        group,
        period,
        budgetUsd,
        BigDecimal.valueOf(spentMicroUsd).divide(MICRO).stripTrailingZeros());
  }

  /** {@code fleet} or {@code group:<g>}: the scope's one word, for metrics and issues. */
  public String scope() {
    return group.map(g -> "group:" + g).orElse("fleet");
  }

  /** Spent over budget: 1 and more once reached; a budget of 0 counts as reached. */
  public double ratio() {
    if (budgetUsd.signum() == 0) {
      return 1.0;
    }
    return spentUsd.divide(budgetUsd, 6, RoundingMode.HALF_EVEN).doubleValue();
  }

  /** True once the spend is at the budget or beyond: no paid call may start. */
  public boolean reached() {
    return spentUsd.compareTo(budgetUsd) >= 0;
  }

  /** E.g. {@code daily budget of group acme reached: $5.00 of $5.00 spent}. */
  public String describe(String state) {
    return period.word()
        + " budget of "
        + group.map(g -> "group " + g).orElse("the fleet")
        + " "
        + state
        + ": $"
        + usd(spentUsd)
        + " of $"
        + usd(budgetUsd)
        + " spent";
  }

  /** Dollars with cents, more digits where the amount has them (a cent's fraction is money too). */
  public static String usd(BigDecimal amount) {
    BigDecimal plain = amount.stripTrailingZeros();
    return (plain.scale() < 2 ? plain.setScale(2) : plain).toPlainString();
  }
}
