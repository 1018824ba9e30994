package io.docfleet.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.redis.PrefixKeys;
import io.docfleet.redis.RedisKeys;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The extension gives each test a prefix of its own, ready in field initializers, and cleans up.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TestRedisPrefixTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("extension");
  private static final List<String> seen = new ArrayList<>();
  private static String classPrefix;

  private final String prefix = redis.prefix();

  @BeforeAll
  static void writeUnderTheClassPrefix() {
    classPrefix = redis.prefix();
    redis.client().getBucket(classPrefix + "class-key").set("kept for the class");
  }

  @Test
  @Order(1)
  void aTestGetsAPrefixOfItsOwnInItsFieldsAndWritesUnderIt() {
    assertThat(prefix)
        .startsWith("test:extension:")
        .isEqualTo(redis.prefix())
        .isNotEqualTo(classPrefix);
    redis.context(Clock.systemUTC()).redis().getBucket(prefix + "a").set("1");
    redis.client().getMap(redis.keys().workersIndex()).put("w1", "1");
    seen.add(prefix);
  }

  @Test
  @Order(2)
  void theNextTestHasAnotherPrefixAndTheKeysOfTheLastAreGone() {
    assertThat(prefix).isNotEqualTo(seen.get(0));
    assertThat(PrefixKeys.any(redis.client(), new RedisKeys(seen.get(0)))).isFalse();
    assertThat(redis.client().getBucket(classPrefix + "class-key").isExists()).isTrue();
  }

  @Test
  @Order(3)
  void deleteKeysEmptiesThePrefixNowAndSaysHowMany() {
    redis.client().getBucket(prefix + "x").set("1");
    redis.client().getBucket(prefix + "y").set("2");

    assertThat(redis.deleteKeys()).isEqualTo(2);
    assertThat(PrefixKeys.any(redis.client(), redis.keys())).isFalse();
  }
}
