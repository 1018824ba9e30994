package io.docfleet.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.localservers.LocalRedis;
import io.docfleet.metrics.FleetHistograms;
import io.docfleet.metrics.FleetSeries;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.RedisKeys;
import io.docfleet.task.TaskCodec;
import io.docfleet.testing.PrometheusText;
import io.docfleet.testing.TestRedis;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RedissonClient;

/**
 * What a worker measured reaches the fleet's histograms once, also when a flush fails: the counts
 * of a flush its Redis did not take are written by the next one. A private Redis that the test
 * stops.
 */
class FleetMetricsPublisherTest {
  private final LocalRedis redis = LocalRedis.startPrivate();
  private final RedissonClient client = TestRedis.connect(redis.url());
  private final FleetContext fleet =
      new FleetContext(client, new RedisKeys("pub:"), new TaskCodec(), Clock.systemUTC());
  private final WorkerMetrics metrics = WorkerMetrics.create();
  private final FleetMetricsPublisher publisher =
      new FleetMetricsPublisher(fleet, metrics, Duration.ofHours(1));

  @AfterEach
  void tearDown() {
    metrics.close();
    client.shutdown();
    redis.stop(true);
  }

  private Optional<FleetHistograms.Reading> read(FleetSeries series) {
    RBatch batch = client.createBatch();
    RFuture<Map<Object, Object>> hash =
        new FleetHistograms(fleet.keys()).hash(batch, series.key(fleet.keys()));
    batch.execute();
    return FleetHistograms.parse(hash.toCompletableFuture().join());
  }

  private static long millis(long ms) {
    return Duration.ofMillis(ms).toNanos();
  }

  @Test
  void aFlushAddsWhatWasMeasuredSinceTheLastOne() {
    metrics.tasks().record("ocr", millis(30));
    metrics.tasks().record("ocr", millis(2_000));
    metrics.providers().record("openai", "entities", millis(800), true);

    assertThat(publisher.flush()).isTrue();
    metrics.tasks().record("ocr", millis(1));
    assertThat(publisher.flush()).isTrue();
    assertThat(publisher.flush()).isTrue();

    FleetHistograms.Reading tasks = read(FleetSeries.taskDuration("ocr")).orElseThrow();
    assertThat(tasks.count()).isEqualTo(3);
    assertThat(tasks.cumulative().get(0)).isEqualTo(1);
    FleetHistograms.Reading calls =
        read(FleetSeries.providerCall("openai", "entities")).orElseThrow();
    assertThat(calls.count()).isEqualTo(1);
    assertThat(calls.errors()).isEqualTo(1);
  }

  @Test
  void countsAFlushCouldNotWriteAreWrittenByTheNext() {
    metrics.tasks().record("ocr", millis(30));
    redis.stop(true);

    assertThat(publisher.flush()).isFalse();
    metrics.tasks().record("ocr", millis(40));
    redis.start();
    // the client reconnects on its own time: flushes may fail a while longer, losing nothing
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(publisher::flush);

    assertThat(read(FleetSeries.taskDuration("ocr")).orElseThrow().count()).isEqualTo(2);
  }

  @Test
  void aFlushRedisDidNotTakeIsCountedAsAFailedPassOfItsLoop() {
    metrics.tasks().record("ocr", millis(30));
    redis.stop(true);

    assertThat(publisher.flush()).isFalse();

    assertThat(
            PrometheusText.parse(metrics.scrape())
                .value("docfleet_loop_failures_total", "loop", "fleet-metrics"))
        .isEqualTo(1);
  }

  @Test
  void closingFlushesTheLastCounts() {
    publisher.start();
    metrics.tasks().record("entities", millis(5));

    publisher.close();

    assertThat(read(FleetSeries.taskDuration("entities")).orElseThrow().count()).isEqualTo(1);
  }
}
