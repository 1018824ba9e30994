package io.docfleet.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SlotGroupsTest {
  @Test
  void computesTheSlotsRedisClusterComputes() {
    // values from CLUSTER KEYSLOT and the cluster specification
    assertThat(SlotGroups.slot("123456789")).isEqualTo(0x31C3 % 16384);
    assertThat(SlotGroups.slot("foo")).isEqualTo(12182);
    assertThat(SlotGroups.slot("bar")).isEqualTo(5061);
    assertThat(SlotGroups.slot("{user1000}.following"))
        .isEqualTo(SlotGroups.slot("{user1000}.followers"))
        .isEqualTo(SlotGroups.slot("user1000"));
    // an empty tag does not count: the whole key is hashed
    assertThat(SlotGroups.slot("{}bar")).isNotEqualTo(SlotGroups.slot(""));
    assertThat(SlotGroups.slot("redisson_lock__channel:{queue:lock:t1}"))
        .isEqualTo(SlotGroups.slot("queue:lock:t1"));
  }

  @Test
  void aSingleRedisTakesTheWholeBatchInOneGroup() {
    assertThat(new SlotGroups(false).group(List.of("a", "b", "c"), Function.identity()))
        .containsExactly(List.of(0, 1, 2));
    assertThat(new SlotGroups(false).group(List.of(), Function.identity())).isEmpty();
  }

  @Test
  void aClusterGroupsTheKeysOfOneSlot() {
    List<String> keys = List.of("{a}1", "foo", "{a}2", "bar", "{a}3");
    assertThat(new SlotGroups(true).group(keys, Function.identity()))
        .containsExactly(List.of(0, 2, 4), List.of(1), List.of(3));
  }
}
