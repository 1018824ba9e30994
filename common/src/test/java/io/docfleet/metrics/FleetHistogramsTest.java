package io.docfleet.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.redis.FleetContext;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;

/** Deltas added by several writers read back as one cumulative histogram per series. */
class FleetHistogramsTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("fleet-histograms");

  private final String prefix = redis.prefix();
  private final FleetContext fleet = redis.context(Clock.systemUTC());
  private final FleetHistograms histograms = new FleetHistograms(fleet.keys());

  private static HistogramDelta delta(boolean failed, long... millis) {
    HistogramCounts counts = new HistogramCounts();
    for (long ms : millis) {
      counts.record(Duration.ofMillis(ms).toNanos(), failed);
    }
    return counts.takeDelta();
  }

  private void write(Map<FleetSeries, HistogramDelta> deltas) {
    RBatch batch =
        fleet
            .redis()
            .createBatch(
                BatchOptions.defaults().executionMode(BatchOptions.ExecutionMode.IN_MEMORY_ATOMIC));
    histograms.add(batch, deltas);
    batch.execute();
  }

  private List<FleetHistograms.Reading> readAll() {
    RBatch index = fleet.redis().createBatch();
    RFuture<Set<Object>> names = histograms.index(index);
    index.execute();
    RBatch batch = fleet.redis().createBatch();
    List<RFuture<Map<Object, Object>>> hashes =
        names.toCompletableFuture().join().stream()
            .map(name -> histograms.hash(batch, String.valueOf(name)))
            .toList();
    batch.execute();
    return hashes.stream()
        .map(h -> FleetHistograms.parse(h.toCompletableFuture().join()))
        .flatMap(Optional::stream)
        .toList();
  }

  @Test
  void deltasOfSeveralWorkersAddUpPerSeries() {
    FleetSeries ocr = FleetSeries.taskDuration("ocr");
    FleetSeries openai = FleetSeries.providerCall("openai", "entities");
    write(Map.of(ocr, delta(false, 3, 700), openai, delta(true, 40)));
    write(Map.of(ocr, delta(false, 2_000)));

    List<FleetHistograms.Reading> readings = readAll();

    assertThat(readings).hasSize(2);
    FleetHistograms.Reading tasks =
        readings.stream().filter(r -> r.series().equals(ocr)).findFirst().orElseThrow();
    assertThat(tasks.count()).isEqualTo(3);
    assertThat(tasks.sumSeconds()).isCloseTo(2.703, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(tasks.bounds()).isEqualTo(DurationBuckets.SECONDS);
    assertThat(tasks.cumulative().get(0)).isEqualTo(1);
    assertThat(tasks.cumulative().get(DurationBuckets.SECONDS.indexOf(1.0))).isEqualTo(2);
    assertThat(tasks.cumulative().get(DurationBuckets.SECONDS.indexOf(2.5))).isEqualTo(3);
    assertThat(tasks.errors()).isZero();
    FleetHistograms.Reading calls =
        readings.stream().filter(r -> r.series().equals(openai)).findFirst().orElseThrow();
    assertThat(calls.series().labels()).containsEntry("provider", "openai");
    assertThat(calls.count()).isEqualTo(1);
    assertThat(calls.errors()).isEqualTo(1);
  }

  @Test
  void anEmptyDeltaWritesNothingAndAForeignHashIsNoSeries() {
    write(Map.of(FleetSeries.taskDuration("ocr"), new HistogramCounts().takeDelta()));

    assertThat(readAll()).isEmpty();
    assertThat(FleetHistograms.parse(Map.of("kind", "something else"))).isEmpty();
    assertThat(FleetHistograms.parse(Map.of())).isEmpty();
  }

  @Test
  void everySeriesSharesTheMetricsHashTag() {
    assertThat(FleetSeries.taskDuration("ocr").key(fleet.keys()))
        .isEqualTo("{" + prefix + "metrics}:task_duration:ocr");
    assertThat(FleetSeries.providerCall("openai", "entities").key(fleet.keys()))
        .isEqualTo("{" + prefix + "metrics}:provider_call:openai:entities");
    assertThat(fleet.keys().metrics().index()).isEqualTo("{" + prefix + "metrics}:index");
  }
}
