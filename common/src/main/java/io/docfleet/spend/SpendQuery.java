package io.docfleet.spend;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * One spend report's question: the UTC days {@code from} (inclusive) to {@code to} (exclusive), at
 * most {@value #MAX_DAYS} days, grouped by {@code by} (none: one row, the totals), keeping at most
 * {@code limit} rows.
 */
public record SpendQuery(LocalDate from, LocalDate to, List<SpendDimension> by, int limit) {
  public static final int MAX_DAYS = 366;
  public static final int MAX_ROWS = 1000;

  public SpendQuery {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException(
          "'to' (" + to + ") must be later than 'from' (" + from + ")");
    }
    if (days(from, to) > MAX_DAYS) {
      throw new IllegalArgumentException("a range of at most " + MAX_DAYS + " days");
    }
    by = List.copyOf(by);
    if (by.stream().distinct().count() != by.size()) {
      throw new IllegalArgumentException("each dimension at most once: " + by);
    }
    if (limit < 1 || limit > MAX_ROWS) {
      throw new IllegalArgumentException("limit from 1 to " + MAX_ROWS + ": " + limit);
    }
  }

  /** The days from {@code from} up to (not including) {@code to}. */
  public static long days(LocalDate from, LocalDate to) {
    return ChronoUnit.DAYS.between(from, to);
  }

  /** The first day of the clock's UTC month. */
  public static LocalDate monthStart(Clock clock) {
    return today(clock).withDayOfMonth(1);
  }

  /** The clock's UTC day. */
  public static LocalDate today(Clock clock) {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
