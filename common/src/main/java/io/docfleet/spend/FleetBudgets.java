package io.docfleet.spend;

import io.docfleet.redis.FleetContext;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RMap;
import org.redisson.client.codec.StringCodec;

/**
 * The fleet's budgets as an operator set them through the API ({@code PUT /api/v1/spend/budgets}),
 * kept in {@code {spend}:budgets} so that every worker and coordinator reads the same ones at once:
 * raising a budget needs no restart. Each period's set here takes the place of the environment's
 * ({@code PROVIDER_BUDGET_DAILY_USD}, {@code PROVIDER_BUDGET_MONTHLY_USD}); one not set here is the
 * environment's. A stored value that is not a budget counts as not set.
 */
public final class FleetBudgets {
  private final FleetContext fleet;

  public FleetBudgets(FleetContext fleet) {
    this.fleet = fleet;
  }

  /** The budgets set through the API, read with the other commands of {@code batch}. */
  public Supplier<Budgets> read(RBatch batch) {
    RFuture<Map<String, String>> stored =
        batch
            .<String, String>getMap(fleet.keys().spend().budgets(), StringCodec.INSTANCE)
            .readAllMapAsync();
    return () -> decode(stored.toCompletableFuture().join());
  }

  /** The budgets set through the API: one {@code HGETALL}. */
  public Budgets read() {
    return decode(map().readAllMap());
  }

  /** Stores {@code budgets} as the ones set through the API; a period left empty is removed. */
  public void write(Budgets budgets) {
    for (BudgetPeriod period : BudgetPeriod.values()) {
      write(period, budgets.of(period));
    }
  }

  /**
   * Sets {@code period}'s budget (empty removes it), that field alone: a change of the other period
   * made at the same time is kept.
   */
  public void write(BudgetPeriod period, Optional<BigDecimal> usd) {
    if (usd.isPresent()) {
      map().fastPut(field(period), usd.get().toPlainString());
    } else {
      map().fastRemove(field(period));
    }
  }

  private static Budgets decode(Map<String, String> stored) {
    return new Budgets(
        Optional.ofNullable(stored.get(Budgets.DAILY_FIELD)).flatMap(Budgets::parse),
        Optional.ofNullable(stored.get(Budgets.MONTHLY_FIELD)).flatMap(Budgets::parse));
  }

  private static String field(BudgetPeriod period) {
    return period == BudgetPeriod.DAILY ? Budgets.DAILY_FIELD : Budgets.MONTHLY_FIELD;
  }

  private RMap<String, String> map() {
    return fleet.redis().getMap(fleet.keys().spend().budgets(), StringCodec.INSTANCE);
  }
}
