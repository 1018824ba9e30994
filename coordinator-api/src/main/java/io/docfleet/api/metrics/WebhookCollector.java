package io.docfleet.api.metrics;

import io.docfleet.api.redismonitor.CachedReading;
import io.docfleet.webhook.DeliveryOutcome;
import io.docfleet.webhook.DestinationStats;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code docfleet_webhook_deliveries_total{destination, outcome}}: the fleet's webhook attempts per
 * destination (the callback URLs' origins) and {@link DeliveryOutcome}, read from Redis when
 * scraped (through {@link CachedReading}). A destination unused for 30 days, or pushed out by the
 * 500 most recent, leaves the series. When Redis does not answer the family is missing from that
 * scrape ({@code docfleet_fleet_read_ok} says so).
 */
final class WebhookCollector implements MultiCollector {
  private static final Logger log = LoggerFactory.getLogger(WebhookCollector.class);

  private final CachedReading<List<DestinationStats>> reading;
  private volatile boolean failing;

  WebhookCollector(CachedReading<List<DestinationStats>> reading) {
    this.reading = reading;
  }

  @Override
  public MetricSnapshots collect() {
    List<DestinationStats> destinations;
    try {
      destinations = reading.get();
      failing = false;
    } catch (RuntimeException e) {
      if (!failing) {
        failing = true;
        log.warn("/metrics: the webhook deliveries could not be read from Redis: {}", e.toString());
      }
      return new MetricSnapshots();
    }
    CounterSnapshot.Builder deliveries =
        CounterSnapshot.builder()
            .name("docfleet_webhook_deliveries")
            .help(
                "Webhook delivery attempts by destination (scheme://host[:port]) and outcome"
                    + " (delivered, failed, dead_lettered)");
    for (DestinationStats stats : destinations) {
      for (DeliveryOutcome outcome : DeliveryOutcome.values()) {
        deliveries.dataPoint(
            CounterDataPointSnapshot.builder()
                .labels(
                    Labels.of("destination", stats.destination(), "outcome", outcome.wireName()))
                .value(stats.count(outcome))
                .build());
      }
    }
    return new MetricSnapshots(deliveries.build());
  }
}
