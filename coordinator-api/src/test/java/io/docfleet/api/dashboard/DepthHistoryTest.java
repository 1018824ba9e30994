package io.docfleet.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DepthHistoryTest {
  private static DepthSample at(long at, long ready) {
    return new DepthSample(
        at,
        Map.of("ocr", new DepthSample.Depth(ready, 0, 0, 0, 0)),
        Map.of(),
        Map.of(),
        Map.of("worker-1", ready));
  }

  @Test
  void keepsTheNewestSamplesOldestFirst() {
    DepthHistory history = new DepthHistory(3);
    for (long i = 1; i <= 5; i++) {
      history.add(at(i * 1000, i));
    }

    assertThat(history.samples()).extracting(DepthSample::at).containsExactly(3000L, 4000L, 5000L);
    assertThat(history.samples().get(2).queues().get("ocr").ready()).isEqualTo(5);
  }

  @Test
  void aLongHistoryIsSentThinnedEvenlyEndingWithTheNewest() {
    DepthHistory history = new DepthHistory(36_000);
    for (long i = 1; i <= 10; i++) {
      history.add(at(i * 1000, i));
    }

    assertThat(history.thinned(20)).hasSize(10);
    assertThat(history.thinned(4))
        .extracting(DepthSample::at)
        .containsExactly(1000L, 4000L, 7000L, 10_000L);
    assertThat(history.thinned(3))
        .extracting(DepthSample::at)
        .containsExactly(2000L, 6000L, 10_000L);
  }

  @Test
  void needsRoomForOneSample() {
    assertThatThrownBy(() -> new DepthHistory(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
