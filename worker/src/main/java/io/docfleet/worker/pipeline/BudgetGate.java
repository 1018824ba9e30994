package io.docfleet.worker.pipeline;

import io.docfleet.queue.GroupConfig;
import io.docfleet.queue.GroupConfigs;
import io.docfleet.redis.FleetContext;
import io.docfleet.spend.BudgetPeriod;
import io.docfleet.spend.BudgetSettings;
import io.docfleet.spend.BudgetUse;
import io.docfleet.spend.Budgets;
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
 * The check right before a paid provider call (a cache miss about to call OpenAI or Textract): the
 * spend of the current UTC day and month, the fleet's and the run's group's, read in one round trip
 * with the group's budgets, plus what the run itself has paid and not yet counted; when a budget is
 * reached the call is not made and {@link BudgetReached} makes the task wait like a rate-limited
 * one. Each run checks before each of its calls and the counters grow when a stage ends, so the
 * spend passes a budget by at most one call in flight per worker slot. Cache hits never come here.
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
    if (settings.fleet().isEmpty() && group.isEmpty()) {
      return; // nothing can be reached: no round trip
    }
    Instant now = fleet.clock().instant();
    LocalDate day = now.atZone(ZoneOffset.UTC).toLocalDate();
    RBatch batch = fleet.redis().createBatch();
    Supplier<GroupConfig> config =
        group.map(g -> new GroupConfigs(fleet).read(batch, g)).orElse(() -> GroupConfig.NONE);
    Supplier<SpendCounters.PeriodSpend> spent =
        new SpendCounters(fleet).spentIn(batch, day, group.map(List::of).orElse(List.of()));
    batch.execute();
    long ownMicro = SpendCounters.micro(costs.spentNotCounted());
    List<BudgetUse> reached = new ArrayList<>();
    check(reached, Optional.empty(), settings.fleet(), spent.get(), ownMicro);
    group.ifPresent(g -> check(reached, group, config.get().budgets(), spent.get(), ownMicro));
    if (!reached.isEmpty()) {
      throw new BudgetReached(reached.get(0).describe("reached"), delay(reached, now));
    }
  }

  private static void check(
      List<BudgetUse> reached,
      Optional<String> group,
      Budgets budgets,
      SpendCounters.PeriodSpend spent,
      long ownMicro) {
    for (BudgetPeriod period : BudgetPeriod.values()) {
      Optional<BigDecimal> budget = budgets.of(period);
      if (budget.isPresent()) {
        BudgetUse use =
            BudgetUse.ofMicro(group, period, budget.get(), spent.of(period, group) + ownMicro);
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
