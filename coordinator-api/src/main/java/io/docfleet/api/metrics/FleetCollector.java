package io.docfleet.api.metrics;

import io.docfleet.api.redismonitor.CachedReading;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet's state in Redis as metric families, read when Prometheus scrapes (through {@link
 * CachedReading}) rather than sampled on a timer: nothing is read while nobody scrapes, each
 * coordinator of a pair reads only for its own scrapes, and a scrape sees the state of that moment,
 * not of the last sample. When Redis does not answer, the scrape still has the JVM's and the pool's
 * meters, and {@code docfleet_fleet_read_ok} is 0.
 */
final class FleetCollector implements MultiCollector {
  private static final Logger log = LoggerFactory.getLogger(FleetCollector.class);

  private final CachedReading<FleetReading> reading;
  private volatile boolean failing;

  FleetCollector(CachedReading<FleetReading> reading) {
    this.reading = reading;
  }

  @Override
  public MetricSnapshots collect() {
    List<MetricSnapshot> families = new ArrayList<>();
    boolean ok;
    try {
      families.addAll(FleetSnapshots.of(reading.get()));
      ok = true;
      failing = false;
    } catch (RuntimeException e) {
      ok = false;
      if (!failing) {
        failing = true;
        log.warn("/metrics: the fleet's state could not be read from Redis: {}", e.toString());
      }
    }
    families.add(
        GaugeSnapshot.builder()
            .name("docfleet_fleet_read_ok")
            .help("1 when this scrape read the fleet's state from Redis, else 0")
            .dataPoint(GaugeDataPointSnapshot.builder().value(ok ? 1 : 0).build())
            .build());
    return new MetricSnapshots(families);
  }
}
