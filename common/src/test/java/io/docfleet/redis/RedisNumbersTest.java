package io.docfleet.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedisNumbersTest {
  @Test
  void readsWholeNumbersAndTakesMissingOrStrayValuesAsZero() {
    assertThat(RedisNumbers.orZero("42")).isEqualTo(42);
    assertThat(RedisNumbers.orZero(" 7\r")).isEqualTo(7);
    assertThat(RedisNumbers.orZero(null)).isZero();
    assertThat(RedisNumbers.orZero("1.5M")).isZero();
  }
}
