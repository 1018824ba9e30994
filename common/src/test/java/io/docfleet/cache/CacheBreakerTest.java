package io.docfleet.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.testing.SettableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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

  @Test
  void itsMetersShowWhetherItIsOpenAndCountEachOpening() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    breaker.bindTo(registry);
    for (int i = 0; i < CacheBreaker.FAILURES_TO_OPEN; i++) {
      breaker.failed(down);
    }
    assertThat(registry.get("docfleet.cache.breaker.open").gauge().value()).isEqualTo(1);
    assertThat(registry.get("docfleet.cache.breaker.openings").functionCounter().count())
        .isEqualTo(1);

    clock.advance(CacheBreaker.OPEN_FOR);
    assertThat(registry.get("docfleet.cache.breaker.open").gauge().value()).isZero();
    breaker.failed(down); // the retry fails: open again
    assertThat(registry.get("docfleet.cache.breaker.openings").functionCounter().count())
        .isEqualTo(2);

    clock.advance(CacheBreaker.OPEN_FOR);
    breaker.succeeded();
    breaker.failed(down);
    assertThat(registry.get("docfleet.cache.breaker.open").gauge().value()).isZero();
    assertThat(registry.get("docfleet.cache.breaker.openings").functionCounter().count())
        .isEqualTo(2);
  }
}
