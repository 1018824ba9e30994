package io.docfleet.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docfleet.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/** Against the test Redis: only the keys of the prefix go, tagged or not, and never all keys. */
class PrefixKeysTest {
  private final RedissonClient redis = TestRedis.client();
  private final String base = TestRedis.uniquePrefix("prefix-keys");
  private final RedisKeys ours = new RedisKeys(base + "run[1]*:");
  private final RedisKeys neighbour = new RedisKeys(base + "run11:");

  @AfterEach
  void removeEverything() {
    PrefixKeys.deleteAll(redis, new RedisKeys(base));
  }

  @Test
  void deletesPlainAndTaggedKeysOfThePrefixOnly() {
    seed(ours);
    seed(neighbour);

    assertThat(PrefixKeys.deleteAll(redis, ours)).isEqualTo(4);

    assertThat(PrefixKeys.any(redis, ours)).isFalse();
    assertThat(PrefixKeys.any(redis, neighbour)).isTrue();
  }

  @Test
  void findsNoKeysUnderAnUnusedPrefix() {
    assertThat(PrefixKeys.any(redis, ours)).isFalse();
    seed(ours);
    assertThat(PrefixKeys.any(redis, ours)).isTrue();
  }

  @Test
  void refusesTheEmptyPrefix() {
    assertThatThrownBy(() -> PrefixKeys.deleteAll(redis, new RedisKeys("")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private void seed(RedisKeys keys) {
    redis.getBucket(keys.legacy().assignment("t1")).set("x");
    redis.getMap(keys.runs().assignments("sleep")).put("t1", "x");
    redis.getList(keys.dead("sleep")).add("x");
    redis.getMap(keys.stats("sleep")).put("completed", "1");
  }
}
