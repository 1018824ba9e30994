package io.docfleet.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.redisson.connection.CRC16;

class RedisKeysTest {
  private final RedisKeys keys = new RedisKeys("");

  @Test
  void buildsTheDocumentedNamesWithoutAPrefix() {
    assertThat(keys.ready("ocr")).isEqualTo("tasks:ocr");
    assertThat(keys.processing("ocr", "w1")).isEqualTo("{tasks:ocr}:processing:w1");
    assertThat(keys.delayed("ocr")).isEqualTo("{tasks:ocr}:delayed");
    assertThat(keys.dead("ocr")).isEqualTo("{tasks:ocr}:dead");
    assertThat(keys.stats("ocr")).isEqualTo("{tasks:ocr}:stats");
    assertThat(keys.paused("ocr")).isEqualTo("{tasks:ocr}:paused");
    assertThat(keys.idempotency("ocr", "k1")).isEqualTo("{tasks:ocr}:idempotency:k1");
    assertThat(keys.taskLock("t1")).isEqualTo("queue:lock:t1");
    assertThat(keys.assignment("t1")).isEqualTo("task:assignments:t1");
    assertThat(keys.worker("w1")).isEqualTo("workers:w1");
    assertThat(keys.workersIndex()).isEqualTo("workers:index");
    assertThat(keys.queuesIndex()).isEqualTo("queues:index");
    assertThat(keys.reaperLock()).isEqualTo("reaper:lock");
  }

  @Test
  void putsThePrefixInFrontOfEveryNameAndInsideTheTag() {
    RedisKeys prefixed = new RedisKeys("p:");
    assertThat(prefixed.prefix()).isEqualTo("p:");
    assertThat(prefixed.ready("ocr")).isEqualTo("p:tasks:ocr");
    assertThat(prefixed.processing("ocr", "w1")).isEqualTo("{p:tasks:ocr}:processing:w1");
    assertThat(prefixed.taskLock("t1")).isEqualTo("p:queue:lock:t1");
    assertThat(prefixed.worker("w1")).isEqualTo("p:workers:w1");
  }

  @Test
  void scansForPlainAndTaggedNamesWithTheGlobCharactersOfThePrefixEscaped() {
    assertThat(new RedisKeys("demo:1:").scanPatterns()).containsExactly("demo:1:*", "{demo:1:*");
    assertThat(new RedisKeys("a*b?[c]\\:").scanPatterns())
        .containsExactly("a\\*b\\?\\[c\\]\\\\:*", "{a\\*b\\?\\[c\\]\\\\:*");
  }

  @Test
  void everyKeyAQueueScriptTouchesLivesInTheReadyListsSlot() {
    for (RedisKeys k : new RedisKeys[] {keys, new RedisKeys("tenant-a:")}) {
      int slot = slot(k.ready("entities"));
      assertThat(slot(k.processing("entities", "host-1-abc"))).isEqualTo(slot);
      assertThat(slot(k.delayed("entities"))).isEqualTo(slot);
      assertThat(slot(k.dead("entities"))).isEqualTo(slot);
      assertThat(slot(k.stats("entities"))).isEqualTo(slot);
      assertThat(slot(k.paused("entities"))).isEqualTo(slot);
      assertThat(slot(k.idempotency("entities", "any-key"))).isEqualTo(slot);
    }
  }

  @Test
  void differentTypesUsuallyLandInDifferentSlots() {
    assertThat(slot(keys.ready("ocr"))).isNotEqualTo(slot(keys.ready("entities")));
  }

  /** The Redis Cluster slot of a key: CRC16 of the hash tag when there is one, mod 16384. */
  static int slot(String key) {
    int open = key.indexOf('{');
    if (open >= 0) {
      int close = key.indexOf('}', open + 1);
      if (close > open + 1) {
        key = key.substring(open + 1, close);
      }
    }
    return CRC16.crc16(key.getBytes(StandardCharsets.UTF_8)) % 16384;
  }
}
