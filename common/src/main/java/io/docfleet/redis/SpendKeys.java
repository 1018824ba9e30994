package io.docfleet.redis;

import static io.docfleet.redis.KeyParts.part;
import static io.docfleet.redis.KeyParts.tag;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * The names of the live spend counters, from {@link RedisKeys#spend()}: hashes of micro-USD spent
 * and saved (and, all time, of units billed) that the pipeline adds to as each stage ends
 * (io.docfleet.spend.SpendCounters says which fields). PostgreSQL's ledger is the record; these
 * only count. They share the hash tag {@code {spend}}.
 */
public final class SpendKeys {
  private final String tag;

  SpendKeys(String prefix) {
    this.tag = tag(prefix + "spend");
  }

  /** {@code {spend}:day:<yyyy-mm-dd>}: one UTC day's counters (TTL about 40 days). */
  public String day(String isoDate) {
    return tag + ":day:" + part(isoDate);
  }

  public String day(LocalDate day) {
    return day(day.toString());
  }

  /** {@code {spend}:month:<yyyy-mm>}: one UTC month's counters (TTL about 400 days). */
  public String month(String isoMonth) {
    return tag + ":month:" + part(isoMonth);
  }

  public String month(YearMonth month) {
    return month(month.toString());
  }

  /**
   * {@code {spend}:budgets}: the fleet's budgets as set through the API ({@code PUT
   * /api/v1/spend/budgets}; io.docfleet.spend.FleetBudgets), which take the place of the
   * environment's (no TTL).
   */
  public String budgets() {
    return tag + ":budgets";
  }

  /** {@code {spend}:total}: the counters since the fleet began, for Prometheus (no TTL). */
  public String total() {
    return tag + ":total";
  }
}
