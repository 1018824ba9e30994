package io.docfleet.api.spend;

import com.fasterxml.jackson.databind.JsonNode;
import io.docfleet.api.http.ApiException;
import io.docfleet.spend.BudgetPeriod;
import io.docfleet.spend.Budgets;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The budgets a request's body changes, the fleet's or a group's: {@code budgetDailyUsd} and {@code
 * budgetMonthlyUsd}, each a decimal of USD from 0 to {@link #MAX} as a JSON number or string; left
 * out, it is kept; {@code null} removes it.
 */
public record BudgetChange(
    Optional<Optional<BigDecimal>> daily, Optional<Optional<BigDecimal>> monthly) {
  /** The largest budget taken: a billion USD (a typo of many zeros is a 400, not a budget). */
  public static final BigDecimal MAX = new BigDecimal("1000000000");

  /**
   * Both fields of {@code body}.
   *
   * @param whose whose budgets they are, for the error message, such as {@code the group's}
   * @throws io.docfleet.api.http.ApiException a 400 naming a field that is not a budget
   */
  public static BudgetChange read(JsonNode body, String whose) {
    return new BudgetChange(
        field(body, Budgets.DAILY_FIELD, whose + " daily"),
        field(body, Budgets.MONTHLY_FIELD, whose + " monthly"));
  }

  /** The periods this change sets or removes, each with its new budget (empty: removed). */
  public Map<BudgetPeriod, Optional<BigDecimal>> changes() {
    Map<BudgetPeriod, Optional<BigDecimal>> changes = new EnumMap<>(BudgetPeriod.class);
    daily.ifPresent(usd -> changes.put(BudgetPeriod.DAILY, usd));
    monthly.ifPresent(usd -> changes.put(BudgetPeriod.MONTHLY, usd));
    return changes;
  }

  /** {@code before} with this change made. */
  public Budgets applyTo(Budgets before) {
    Budgets budgets = before;
    for (Map.Entry<BudgetPeriod, Optional<BigDecimal>> change : changes().entrySet()) {
      budgets = budgets.with(change.getKey(), change.getValue());
    }
    return budgets;
  }

  /**
   * {@code field} of {@code body}: empty when left out, an empty budget when null.
   *
   * @param whose what the budget is, for the error message, such as {@code the group's daily}
   * @throws ApiException a 400 naming the field when the value is not a budget
   */
  private static Optional<Optional<BigDecimal>> field(JsonNode body, String field, String whose) {
    JsonNode value = body.get(field);
    if (value == null) {
      return Optional.empty();
    }
    if (value.isNull()) {
      return Optional.of(Optional.empty());
    }
    Optional<BigDecimal> usd =
        value.isNumber() || value.isTextual() ? Budgets.parse(value.asText()) : Optional.empty();
    if (usd.isEmpty() || usd.get().compareTo(MAX) > 0) {
      throw ApiException.badRequest(
          field,
          "'"
              + field
              + "' must be a decimal number of USD from 0 to "
              + MAX.toPlainString()
              + " ("
              + whose
              + " provider budget, such as 25 or \"12.50\"), or null to remove it");
    }
    return Optional.of(usd);
  }
}
