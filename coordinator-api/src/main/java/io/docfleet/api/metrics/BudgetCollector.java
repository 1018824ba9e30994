package io.docfleet.api.metrics;

import io.docfleet.api.redismonitor.CachedReading;
import io.docfleet.spend.BudgetUse;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider budgets that are set and what their current UTC period has spent: {@code
 * docfleet_provider_budget_usd} and {@code docfleet_provider_budget_spent_usd}, by {@code scope}
 * ({@code fleet} or {@code group}), {@code group} (empty for the fleet) and {@code period} ({@code
 * daily}, {@code monthly}). Read when scraped (through {@link CachedReading}); when Redis does not
 * answer the families are missing from that scrape.
 */
final class BudgetCollector implements MultiCollector {
  private static final Logger log = LoggerFactory.getLogger(BudgetCollector.class);

  private final CachedReading<List<BudgetUse>> reading;
  private volatile boolean failing;

  BudgetCollector(CachedReading<List<BudgetUse>> reading) {
    this.reading = reading;
  }

  @Override
  public MetricSnapshots collect() {
    List<BudgetUse> uses;
    try {
      uses = reading.get();
      failing = false;
    } catch (RuntimeException e) {
      if (!failing) {
        failing = true;
        log.warn("/metrics: the budgets' spend could not be read from Redis: {}", e.toString());
      }
      return new MetricSnapshots();
    }
    GaugeSnapshot.Builder budget =
        GaugeSnapshot.builder()
            .name("docfleet_provider_budget_usd")
            .help("A provider budget that is set (USD), by scope, group and period");
    GaugeSnapshot.Builder spent =
        GaugeSnapshot.builder()
            .name("docfleet_provider_budget_spent_usd")
            .help(
                "What the budget's current UTC period has spent on paid provider calls (USD), by"
                    + " scope, group and period");
    for (BudgetUse use : uses) {
      Labels labels =
          Labels.of(
              "group",
              use.group().orElse(""),
              "period",
              use.period().word(),
              "scope",
              use.group().isPresent() ? "group" : "fleet");
      budget.dataPoint(point(labels, use.budgetUsd().doubleValue()));
      spent.dataPoint(point(labels, use.spentUsd().doubleValue()));
    }
    return new MetricSnapshots(budget.build(), spent.build());
  }

  private static GaugeDataPointSnapshot point(Labels labels, double value) {
    return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
  }
}
