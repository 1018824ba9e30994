package io.docfleet.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HistogramCountsTest {
  private static long millis(long ms) {
    return Duration.ofMillis(ms).toNanos();
  }

  @Test
  void aDurationFallsInTheFirstBucketNotBelowIt() {
    assertThat(DurationBuckets.bucketOf(millis(5))).isZero();
    assertThat(DurationBuckets.bucketOf(millis(6))).isEqualTo(1);
    assertThat(DurationBuckets.bucketOf(millis(1000)))
        .isEqualTo(DurationBuckets.SECONDS.indexOf(1.0));
    assertThat(DurationBuckets.bucketOf(millis(301_000))).isEqualTo(DurationBuckets.SECONDS.size());
    assertThat(DurationBuckets.format(1.0)).isEqualTo("1");
    assertThat(DurationBuckets.format(0.005)).isEqualTo("0.005");
    assertThat(DurationBuckets.durations()[0]).isEqualTo(Duration.ofMillis(5));
  }

  @Test
  void aTakeReturnsWhatWasCountedSinceTheLastOne() {
    HistogramCounts counts = new HistogramCounts();
    counts.record(millis(3), false);
    counts.record(millis(700), true);
    counts.record(millis(400_000), false);

    HistogramDelta delta = counts.takeDelta();

    assertThat(delta.count()).isEqualTo(3);
    assertThat(delta.errors()).isEqualTo(1);
    assertThat(delta.sumNanos()).isEqualTo(millis(400_703));
    assertThat(delta.cumulative(0)).isEqualTo(1);
    assertThat(delta.cumulative(DurationBuckets.SECONDS.indexOf(1.0))).isEqualTo(2);
    assertThat(delta.cumulative(DurationBuckets.SECONDS.size())).isEqualTo(3);
    assertThat(counts.takeDelta().isEmpty()).isTrue();
  }

  @Test
  void aDeltaAddedBackIsTakenAgainWithWhatCameSince() {
    HistogramCounts counts = new HistogramCounts();
    counts.record(millis(20), false);
    HistogramDelta unwritten = counts.takeDelta();
    counts.record(millis(20), true);

    counts.addBack(unwritten);
    HistogramDelta next = counts.takeDelta();

    assertThat(next.count()).isEqualTo(2);
    assertThat(next.errors()).isEqualTo(1);
    assertThat(next.sumNanos()).isEqualTo(millis(40));
    assertThat(next).isNotEqualTo(unwritten);
  }
}
