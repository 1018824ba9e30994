package io.docfleet.api.spend;

import com.fasterxml.jackson.databind.JsonNode;
import io.docfleet.api.http.ApiException;
import io.docfleet.spend.Budgets;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * A budget in a request's body ({@code budgetDailyUsd}, {@code budgetMonthlyUsd}), the fleet's or a
 * group's: a decimal of USD from 0 to {@link #MAX}, as a JSON number or string; {@code null}
 * removes it; left out, it stays as it is.
 */
public final class BudgetField {
  /** The largest budget taken: a billion USD (a typo of many zeros is a 400, not a budget). */
  public static final BigDecimal MAX = new BigDecimal("1000000000");

  private BudgetField() {}

  /**
   * {@code field} of {@code body}: empty when left out, an empty budget when null.
   *
   * @param whose what the budget is, for the error message, such as {@code the group's daily}
   * @throws ApiException a 400 naming the field when the value is not a budget
   */
  public static Optional<Optional<BigDecimal>> read(JsonNode body, String field, String whose) {
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
