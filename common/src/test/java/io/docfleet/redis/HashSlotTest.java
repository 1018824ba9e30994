package io.docfleet.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HashSlotTest {
  @Test
  void computesTheSlotsRedisClusterComputes() {
    // values from CLUSTER KEYSLOT and the cluster specification
    assertThat(HashSlot.of("123456789")).isEqualTo(0x31C3 % 16384);
    assertThat(HashSlot.of("foo")).isEqualTo(12182);
    assertThat(HashSlot.of("bar")).isEqualTo(5061);
    assertThat(HashSlot.of("{user1000}.following"))
        .isEqualTo(HashSlot.of("{user1000}.followers"))
        .isEqualTo(HashSlot.of("user1000"));
    // an empty tag does not count: the whole key is hashed
    assertThat(HashSlot.of("{}bar")).isNotEqualTo(HashSlot.of(""));
  }
}
