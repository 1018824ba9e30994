package io.docfleet.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedisMemoryTest {
  private static Map<String, String> info(long used, long max, long evicted) {
    return Map.of(
        "used_memory", Long.toString(used),
        "maxmemory", Long.toString(max),
        "evicted_keys", Long.toString(evicted));
  }

  @Test
  void aSingleRedisIsReadAsItSays() {
    assertThat(RedisMemory.of(List.of(info(900, 1000, 3))))
        .isEqualTo(new RedisMemory(900, 1000, 3));
  }

  @Test
  void onAClusterTheMasterNearestItsLimitSpeaksForMemoryAndEvictionsAddUp() {
    RedisMemory memory =
        RedisMemory.of(List.of(info(500, 2000, 1), info(950, 1000, 2), info(1500, 4000, 0)));

    assertThat(memory).isEqualTo(new RedisMemory(950, 1000, 3));
  }

  @Test
  void withoutALimitTheLargestMasterSpeaksAndItsMaxIsZero() {
    assertThat(RedisMemory.of(List.of(info(10, 0, 0), info(20, 0, 0))))
        .isEqualTo(new RedisMemory(20, 0, 0));
  }

  @Test
  void missingOrOddFieldsReadAsZeroAndNoMasterIsAnError() {
    assertThat(RedisMemory.of(List.of(Map.of("used_memory", "x"))))
        .isEqualTo(new RedisMemory(0, 0, 0));
    assertThatThrownBy(() -> RedisMemory.of(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
