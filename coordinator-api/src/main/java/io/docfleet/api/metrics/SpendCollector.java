package io.docfleet.api.metrics;

import io.docfleet.api.redismonitor.CachedReading;
import io.docfleet.spend.SpendCounters;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider spend, from the all-time counters in Redis ({@link SpendCounters}): {@code
 * docfleet_provider_cost_usd_total} and {@code docfleet_provider_saved_usd_total} by provider and
 * operation (what paid calls cost, what cache hits avoided), and {@code
 * docfleet_provider_units_total} by provider, operation and unit (pages, tokens) of paid calls.
 * Read when scraped (through {@link CachedReading}); when Redis does not answer the families are
 * missing from that scrape. PostgreSQL's ledger ({@code provider_calls}) is the record.
 */
final class SpendCollector implements MultiCollector {
  private static final Logger log = LoggerFactory.getLogger(SpendCollector.class);
  private static final double MICRO = 1_000_000.0;

  private final CachedReading<Map<String, Long>> reading;
  private volatile boolean failing;

  SpendCollector(CachedReading<Map<String, Long>> reading) {
    this.reading = reading;
  }

  @Override
  public MetricSnapshots collect() {
    Map<String, Long> total;
    try {
      total = new TreeMap<>(reading.get());
      failing = false;
    } catch (RuntimeException e) {
      if (!failing) {
        failing = true;
        log.warn("/metrics: the spend counters could not be read from Redis: {}", e.toString());
      }
      return new MetricSnapshots();
    }
    CounterSnapshot.Builder cost =
        CounterSnapshot.builder()
            .name("docfleet_provider_cost_usd")
            .help(
                "What paid provider calls cost (USD, at the price of their day), by provider and operation");
    CounterSnapshot.Builder saved =
        CounterSnapshot.builder()
            .name("docfleet_provider_saved_usd")
            .help("What cache hits avoided paying (USD), by provider and operation");
    CounterSnapshot.Builder units =
        CounterSnapshot.builder()
            .name("docfleet_provider_units")
            .help(
                "Units billed by paid provider calls (pages, tokens), by provider, operation and unit");
    total.forEach(
        (field, value) -> {
          String[] parts = field.split(":", 4);
          if (parts.length == 3 && parts[0].equals(SpendCounters.SPENT)) {
            cost.dataPoint(
                point(Labels.of("operation", parts[2], "provider", parts[1]), value / MICRO));
          } else if (parts.length == 3 && parts[0].equals(SpendCounters.SAVED)) {
            saved.dataPoint(
                point(Labels.of("operation", parts[2], "provider", parts[1]), value / MICRO));
          } else if (parts.length == 4 && parts[0].equals("units")) {
            units.dataPoint(
                point(
                    Labels.of("operation", parts[2], "provider", parts[1], "unit", parts[3]),
                    value));
          }
        });
    return new MetricSnapshots(cost.build(), saved.build(), units.build());
  }

  private static CounterDataPointSnapshot point(Labels labels, double value) {
    return CounterDataPointSnapshot.builder().labels(labels).value(value).build();
  }
}
