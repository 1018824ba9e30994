package io.docfleet.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.api.redismonitor.CachedReading;
import io.docfleet.config.FleetConfig;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.RedisKeys;
import io.docfleet.task.Task;
import io.docfleet.task.TaskCodec;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RedissonClient;

/**
 * A scrape whose Redis cannot be read still answers, saying so, instead of failing whole; a cache
 * Redis that does not answer costs the scrape the cache's series only.
 */
class FleetCollectorTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("collector");

  private static FleetContext gone() {
    RedissonClient gone = TestRedis.connect(TestRedis.url());
    gone.shutdown();
    return new FleetContext(gone, new RedisKeys("gone:"), new TaskCodec(), Clock.systemUTC());
  }

  private static FleetCollector collector(FleetContext fleet, FleetContext cacheFleet) {
    return new FleetCollector(
        new CachedReading<>(
            new FleetReader(fleet, cacheFleet)::read, fleet.clock(), Duration.ofSeconds(1)));
  }

  /** The number of data points of each family, by name. */
  private static Map<String, Integer> points(MetricSnapshots snapshots) {
    return snapshots.stream()
        .collect(
            Collectors.toMap(
                family -> family.getMetadata().getName(), family -> family.getDataPoints().size()));
  }

  @Test
  void aFailedReadingLeavesTheReadGaugeAtZeroAndNoFleetSeries() {
    FleetContext fleet = gone();

    MetricSnapshots snapshots = collector(fleet, fleet).collect();

    assertThat(snapshots.size()).isEqualTo(1);
    GaugeSnapshot readOk = (GaugeSnapshot) snapshots.get(0);
    assertThat(readOk.getMetadata().getName()).isEqualTo("docfleet_fleet_read_ok");
    assertThat(readOk.getDataPoints().get(0).getValue()).isZero();
  }

  @Test
  void aCacheRedisThatDoesNotAnswerLeavesOutTheCacheSeriesOnly() {
    FleetContext fleet = redis.context(Clock.systemUTC());
    new TaskSubmitter(fleet, FleetConfig.QueueSettings.defaults())
        .submit(Task.of("t1", "ocr", null));

    MetricSnapshots snapshots = collector(fleet, gone()).collect();

    Map<String, Integer> points = points(snapshots);
    assertThat(points).containsEntry("docfleet_queue_ready", 1);
    assertThat(points).containsEntry("docfleet_cache_hits", 0);
    MetricSnapshot readOk =
        snapshots.stream()
            .filter(family -> family.getMetadata().getName().equals("docfleet_fleet_read_ok"))
            .findFirst()
            .orElseThrow();
    List<? extends DataPointSnapshot> ok = readOk.getDataPoints();
    assertThat(((GaugeSnapshot.GaugeDataPointSnapshot) ok.get(0)).getValue()).isEqualTo(1);
  }
}
