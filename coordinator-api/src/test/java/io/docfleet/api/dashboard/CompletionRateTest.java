package io.docfleet.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CompletionRateTest {
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private final CompletionRate rate = new CompletionRate(3);

  @Test
  void countsCompletionsOfTheLastSixtySecondsOnly() {
    rate.record(NOW, NOW);
    rate.record(NOW.minusSeconds(59), NOW);
    rate.record(NOW.minusSeconds(60), NOW);
    rate.record(NOW.minusSeconds(61), NOW);

    assertThat(rate.within(NOW, 60)).isEqualTo(2);
    assertThat(rate.within(NOW, 180)).isEqualTo(4);
  }

  @Test
  void groupsTheWindowByMinuteOldestFirst() {
    rate.record(NOW.minusSeconds(150), NOW);
    rate.record(NOW.minusSeconds(70), NOW);
    rate.record(NOW.minusSeconds(65), NOW);
    rate.record(NOW.minusSeconds(1), NOW);

    assertThat(rate.perMinute(NOW)).containsExactly(1L, 2L, 1L);
  }

  @Test
  void dropsWhatIsOlderThanTheWindowAndCountsFutureStampsNow() {
    rate.record(NOW.minusSeconds(180), NOW);
    rate.record(NOW.plusSeconds(30), NOW);

    assertThat(rate.within(NOW, 180)).isEqualTo(1);
    assertThat(rate.within(NOW, 1)).isEqualTo(1);
  }

  @Test
  void aSlotReusedAfterAFullTurnForgetsItsOldCount() {
    rate.record(NOW, NOW);
    Instant later = NOW.plusSeconds(180);
    rate.record(later, later);

    assertThat(rate.within(later, 180)).isEqualTo(1);
    // a clock that stepped back: the slot holds a newer second, which the old one must not reset
    rate.record(NOW, NOW.plusSeconds(1));
    assertThat(rate.within(later, 180)).isEqualTo(1);
  }
}
