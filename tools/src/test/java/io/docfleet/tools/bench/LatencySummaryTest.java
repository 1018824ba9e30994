package io.docfleet.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {

  @Test
  void takesNearestRankPercentiles() {
    long[] latencies = LongStream.rangeClosed(1, 1000).map(i -> 1001 - i).toArray();

    LatencySummary summary = LatencySummary.of(latencies);

    assertThat(summary).isEqualTo(new LatencySummary(1000, 500, 990, 1000));
  }

  @Test
  void anEmptyRunHasNoFigures() {
    assertThat(LatencySummary.of(new long[0]).count()).isZero();
  }
}
