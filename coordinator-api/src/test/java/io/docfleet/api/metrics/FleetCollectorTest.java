package io.docfleet.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.redis.FleetContext;
import io.docfleet.redis.RedisKeys;
import io.docfleet.task.TaskCodec;
import io.docfleet.testing.TestRedis;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/** A scrape whose Redis cannot be read still answers, saying so, instead of failing whole. */
class FleetCollectorTest {

  @Test
  void aFailedReadingLeavesTheReadGaugeAtZeroAndNoFleetSeries() {
    RedissonClient gone = TestRedis.connect(TestRedis.url());
    gone.shutdown();
    FleetContext fleet =
        new FleetContext(gone, new RedisKeys("gone:"), new TaskCodec(), Clock.systemUTC());
    FleetCollector collector =
        new FleetCollector(
            new CachedReading(new FleetReader(fleet, fleet), fleet.clock(), Duration.ofSeconds(1)));

    MetricSnapshots snapshots = collector.collect();

    assertThat(snapshots.size()).isEqualTo(1);
    GaugeSnapshot readOk = (GaugeSnapshot) snapshots.get(0);
    assertThat(readOk.getMetadata().getName()).isEqualTo("docfleet_fleet_read_ok");
    assertThat(readOk.getDataPoints().get(0).getValue()).isZero();
  }
}
