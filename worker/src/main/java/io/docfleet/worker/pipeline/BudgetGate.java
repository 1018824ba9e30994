package io.docfleet.worker.pipeline;

import io.docfleet.queue.GroupConfig;
import io.docfleet.queue.GroupConfigs;
import io.docfleet.redis.FleetContext;
import io.docfleet.spend.BudgetPeriod;
import io.docfleet.spend.BudgetSettings;
import io.docfleet.spend.BudgetUse;
import io.docfleet.spend.Budgets;
import io.docfleet.spend.FleetBudgets;
import io.docfleet.spend.ProviderCall;
import io.docfleet.spend.SpendCounters;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.redisson.api.RBatch;

/**
 * The check right before a paid provider call (a cache miss about to call OpenAI or Textract): in
 * one round trip it adds what the run paid so far and has not counted to the live spend counters (a
 * run of many calls, such as a long document's entity chunks, shows its spend as it goes), then
 * reads the spend of the current UTC day and month, the fleet's and the run's group's, with the
 * fleet's budgets set through the API ({@link FleetBudgets}; else the environment's) and the
 * group's; when a budget is reached the call is not made and {@link BudgetReached} makes the task
 * wait like a rate-limited one. A run's calls go one at a time, so at any moment each worker slot
 * has at most one call the counters do not hold: the one in flight. The spend passes a budget by at
 * most that, one call per slot. Cache hits never come here.
 */
final class BudgetGate {
  private final FleetContext fleet;
  private final BudgetSettings settings;

  BudgetGate(FleetContext fleet, BudgetSettings settings) {
    this.fleet = fleet;
    this.settings = settings;
  }

  /**
   * Returns when the run may pay for a call.
   *
   * @throws BudgetReached when a budget of the fleet or of the run's group is spent
   */
  void beforePaidCall(RunCosts costs) throws BudgetReached {
    Optional<String> group = Optional.ofNullable(costs.group());
    Instant now = fleet.clock().instant();
    LocalDate day = now.atZone(ZoneOffset.UTC).toLocalDate();
    List<ProviderCall> uncounted = costs.uncounted();
    RBatch batch = fleet.redis().createBatch();
    SpendCounters counters = new SpendCounters(fleet);
    counters.add(batch, uncounted); // first, so what is read next holds the run's own calls
    Supplier<Budgets> fleetBudgets = new FleetBudgets(fleet).read(batch);
    Supplier<GroupConfig> config =
        group.map(g -> new GroupConfigs(fleet).read(batch, g)).orElse(() -> GroupConfig.NONE);
    Supplier<SpendCounters.PeriodSpend> spent =
        counters.spentIn(batch, day, group.map(List::of).orElse(List.of()));
    batch.execute();
    costs.counted(uncounted.size());
    List<BudgetUse> reached = new ArrayList<>();
    check(reached, Optional.empty(), fleetBudgets.get().orElse(settings.fleet()), spent.get());
    group.ifPresent(g -> check(reached, group, config.get().budgets(), spent.get()));
    if (!reached.isEmpty()) {
      throw new BudgetReached(reached.get(0).describe("reached"), delay(reached, now));
    }
  }

  private static void check(
      List<BudgetUse> reached,
      Optional<String> group,
      Budgets budgets,
      SpendCounters.PeriodSpend spent) {
    for (BudgetPeriod period : BudgetPeriod.values()) {
      Optional<BigDecimal> budget = budgets.of(period);
      if (budget.isPresent()) {
        BudgetUse use = BudgetUse.ofMicro(group, period, budget.get(), spent.of(period, group));
        if (use.reached()) {
          reached.add(use);
        }
      }
    }
  }

  /**
   * The recheck interval, or less when every reached budget's period rolls over sooner: the task
   * looks again then, and a budget raised meanwhile lets it run at its next look.
   */
  private Duration delay(List<BudgetUse> reached, Instant now) {
    Instant free = now;
    for (BudgetUse use : reached) {
      Instant end = use.period().end(now);
      free = end.isAfter(free) ? end : free;
    }
    Duration untilFree = Duration.between(now, free);
    return untilFree.compareTo(settings.recheck()) < 0 ? untilFree : settings.recheck();
  }

  /** A budget is spent: the call was not made, and the task waits without using an attempt. */
  static final class BudgetReached extends Exception {
    private final Duration delay;

    BudgetReached(String reason, Duration delay) {
      super(reason, null, false, false);
      this.delay = delay;
    }

    Duration delay() {
      return delay;
    }
  }
}
