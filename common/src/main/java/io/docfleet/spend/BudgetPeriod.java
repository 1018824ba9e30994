package io.docfleet.spend;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** The periods a budget covers, in UTC: a day, and a calendar month. */
public enum BudgetPeriod {
  DAILY("daily"),
  MONTHLY("monthly");

  private final String word;

  BudgetPeriod(String word) {
    this.word = word;
  }

  /** {@code daily} or {@code monthly}: the API's, metrics' and messages' word. */
  public String word() {
    return word;
  }

  /** When the period that holds {@code now} ends (its next UTC midnight, or next month's first). */
  public Instant end(Instant now) {
    LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
    LocalDate next = this == DAILY ? today.plusDays(1) : today.withDayOfMonth(1).plusMonths(1);
    return next.atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
