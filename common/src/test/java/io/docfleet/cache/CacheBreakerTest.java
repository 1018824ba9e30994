package io.docfleet.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.testing.SettableClock;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class CacheBreakerTest {
  private final SettableClock clock = new SettableClock();
  private final CacheBreaker breaker = new CacheBreaker(clock);
  private final IOException down = new IOException("connection refused");

  @Test
  void opensAfterFailuresInARowAndTriesAgainLater() {
    for (int i = 1; i < CacheBreaker.FAILURES_TO_OPEN; i++) {
      breaker.failed(down);
      assertThat(breaker.allows()).isTrue();
    }
    breaker.failed(down);
    assertThat(breaker.allows()).isFalse();

    clock.advance(CacheBreaker.OPEN_FOR);
    assertThat(breaker.allows()).isTrue();
    breaker.failed(down);
    assertThat(breaker.allows()).isFalse();

    clock.advance(CacheBreaker.OPEN_FOR);
    breaker.succeeded();
    breaker.failed(down);
    assertThat(breaker.allows()).isTrue();
  }
}
