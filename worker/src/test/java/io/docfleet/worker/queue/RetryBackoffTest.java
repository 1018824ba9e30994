package io.docfleet.worker.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {
  private final RetryBackoff backoff =
      new RetryBackoff(Duration.ofSeconds(1), Duration.ofMinutes(1));

  @Test
  void doublesWithEachAttemptBetweenHalfAndAllOfTheCeiling() {
    assertThat(backoff.delayAfter(1, 0.0)).isEqualTo(Duration.ofMillis(500));
    assertThat(backoff.delayAfter(1, 0.999))
        .isBetween(Duration.ofMillis(990), Duration.ofSeconds(1));
    assertThat(backoff.delayAfter(2, 0.0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.delayAfter(3, 0.5)).isEqualTo(Duration.ofSeconds(3));
    assertThat(backoff.delayAfter(4, 0.0)).isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void neverExceedsTheMaximumEvenForHugeAttemptNumbers() {
    assertThat(backoff.delayAfter(7, 0.999)).isLessThanOrEqualTo(Duration.ofMinutes(1));
    assertThat(backoff.delayAfter(7, 0.0)).isEqualTo(Duration.ofSeconds(30));
    assertThat(backoff.delayAfter(1_000, 0.999)).isLessThanOrEqualTo(Duration.ofMinutes(1));
    assertThat(backoff.delayAfter(31, 0.0)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void treatsAttemptZeroAsTheFirst() {
    assertThat(backoff.delayAfter(0, 0.0)).isEqualTo(backoff.delayAfter(1, 0.0));
  }
}
