package io.docfleet.api.groups;

import com.fasterxml.jackson.databind.JsonNode;
import io.docfleet.api.documents.CallbackCheck;
import io.docfleet.api.http.ApiException;
import io.docfleet.api.http.SettingsBody;
import io.docfleet.api.spend.BudgetChange;
import io.docfleet.queue.GroupConfig;
import io.docfleet.queue.GroupConfigs;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The body of {@code PUT /api/v1/groups/<group>}, checked: {@code concurrency} (a whole number from
 * 1, or null to remove it), {@code callbackUrl} (checked as a submit's, or null to remove it), and
 * {@code budgetDailyUsd} / {@code budgetMonthlyUsd} (a decimal of USD from 0, or null). A field
 * left out keeps what is set; any other field is a 400 naming it.
 */
record GroupChange(
    Optional<OptionalInt> concurrency,
    Optional<Optional<String>> callbackUrl,
    BudgetChange budgets) {
  static final int MAX_CONCURRENCY = 1_000_000;
  static final List<String> FIELDS =
      List.of(
          GroupRoutes.CONCURRENCY,
          CallbackCheck.FIELD,
          GroupConfigs.BUDGET_DAILY,
          GroupConfigs.BUDGET_MONTHLY);

  static GroupChange read(JsonNode body, CallbackCheck callbacks) {
    SettingsBody.check(
        body,
        "a group's settings",
        FIELDS,
        "{\"concurrency\": n}, {\"callbackUrl\": \"https://...\"}, {\"budgetDailyUsd\": \"5.00\"}"
            + " or {\"budgetMonthlyUsd\": \"100\"} (null removes each)");
    return new GroupChange(
        concurrency(body.get(GroupRoutes.CONCURRENCY)),
        callback(body, callbacks),
        BudgetChange.read(body, "the group's"));
  }

  private static Optional<OptionalInt> concurrency(JsonNode value) {
    if (value == null) {
      return Optional.empty();
    }
    if (value.isNull()) {
      return Optional.of(OptionalInt.empty());
    }
    if (!value.isIntegralNumber() || value.asLong() < 1 || value.asLong() > MAX_CONCURRENCY) {
      throw ApiException.badRequest(
          GroupRoutes.CONCURRENCY,
          "'concurrency' must be a whole number from 1 to "
              + MAX_CONCURRENCY
              + " (the most of the group's tasks in flight at once per type, across the fleet),"
              + " or null to remove the group's own limit");
    }
    return Optional.of(OptionalInt.of(value.asInt()));
  }

  private static Optional<Optional<String>> callback(JsonNode body, CallbackCheck callbacks) {
    JsonNode value = body.get(CallbackCheck.FIELD);
    if (value == null) {
      return Optional.empty();
    }
    if (value.isNull()) {
      return Optional.of(Optional.empty());
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw ApiException.badRequest(
          CallbackCheck.FIELD, "'callbackUrl' must be a URL, or null to remove it");
    }
    return Optional.of(callbacks.check(Optional.of(value.asText().trim())));
  }

  /** {@code before} with this change made. */
  GroupConfig applyTo(GroupConfig before) {
    return new GroupConfig(
        concurrency.orElse(before.concurrency()),
        callbackUrl.orElse(before.callbackUrl()),
        budgets.applyTo(before.budgets()));
  }
}
