package io.docfleet.api.spend;

import io.docfleet.api.http.ApiException;
import io.docfleet.api.http.Fields;
import io.docfleet.spend.SpendDimension;
import io.docfleet.spend.SpendQuery;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The query parameters of {@code GET /api/v1/spend}, checked: {@code from} and {@code to} UTC days
 * ({@code 2026-12-01}; {@code from} defaults to the first of this UTC month, {@code to} to the
 * first of the next, so either alone reads up to now), {@code to} later than {@code from} and at
 * most {@value SpendQuery#MAX_DAYS} days after it; {@code by} a comma-separated list of {@link
 * SpendDimension}s, each at most once; {@code limit} 1 to {@value SpendQuery#MAX_ROWS}. Anything
 * else is a 400 naming the parameter.
 */
final class SpendParameters {
  private SpendParameters() {}

  static SpendQuery read(Context http, Clock clock) {
    Optional<LocalDate> from = day(http, "from");
    Optional<LocalDate> to = day(http, "to");
    LocalDate start = from.orElseGet(() -> SpendQuery.monthStart(clock));
    LocalDate end = to.orElseGet(() -> SpendQuery.monthStart(clock).plusMonths(1));
    if (!start.isBefore(end)) {
      throw ApiException.badRequest(
          "to", "'to' (" + end + ") must be later than 'from' (" + start + ")");
    }
    long days = SpendQuery.days(start, end);
    if (days > SpendQuery.MAX_DAYS) {
      throw ApiException.badRequest(
          "to",
          "the range from "
              + start
              + " to "
              + end
              + " spans "
              + days
              + " days; at most "
              + SpendQuery.MAX_DAYS);
    }
    int limit =
        Fields.queryInt(
            http.queryParam("limit"), "limit", SpendQuery.MAX_ROWS, 1, SpendQuery.MAX_ROWS);
    return new SpendQuery(start, end, by(http.queryParam("by")), limit);
  }

  private static Optional<LocalDate> day(Context http, String name) {
    String value = http.queryParam(name);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(Fields.plainText(name, value).strip()));
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          name, "query parameter '" + name + "' must be a day as YYYY-MM-DD, such as 2026-12-01");
    }
  }

  /** {@code day,provider}: known names, each once; none for the totals alone. */
  static List<SpendDimension> by(String value) {
    List<SpendDimension> by = new ArrayList<>();
    if (value == null || value.isBlank()) {
      return by;
    }
    for (String part : Fields.plainText("by", value).split(",", -1)) {
      String name = part.strip();
      SpendDimension dimension =
          SpendDimension.fromWireName(name)
              .orElseThrow(
                  () ->
                      ApiException.badRequest(
                          "by",
                          "query parameter 'by' must be a comma-separated list of "
                              + SpendDimension.NAMES
                              + "; '"
                              + (name.length() > 40 ? name.substring(0, 40) + "…" : name)
                              + "' is none of them"));
      if (by.contains(dimension)) {
        throw ApiException.badRequest("by", "query parameter 'by' names '" + name + "' twice");
      }
      by.add(dimension);
    }
    return by;
  }
}
