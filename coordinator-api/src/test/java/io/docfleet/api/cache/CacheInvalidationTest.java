package io.docfleet.api.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.api.TestCoordinator;
import io.docfleet.api.TestCoordinator.Answer;
import io.docfleet.cache.CacheEntry;
import io.docfleet.cache.CachePointer;
import io.docfleet.cache.CacheType;
import io.docfleet.cache.ContentKey;
import io.docfleet.localservers.LocalRedis;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.RedisKeys;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RedissonClient;
import org.redisson.api.options.KeysScanOptions;

/**
 * {@code POST /api/v1/cache/invalidate} by pattern with the provider cache on a Redis of its own
 * ({@code REDIS_CACHE_URL}): the pattern is matched under the deployment's key prefix on the
 * cache's Redis, and only provider-cache entries, pointers and indexes are removed. Document state,
 * queues, task records, cache locks and metrics stay, on either Redis, whatever the pattern.
 */
class CacheInvalidationTest {
  private static final LocalRedis CACHE_REDIS = LocalRedis.startPrivate();

  @RegisterExtension
  static final TestCoordinator api =
      TestCoordinator.withEnv(Map.of("REDIS_CACHE_URL", CACHE_REDIS.url()));

  @AfterAll
  static void stopTheCacheRedis() {
    CACHE_REDIS.close();
  }

  private FleetContext cacheFleet;
  private String prefix;

  @BeforeEach
  void emptyBothRedis() {
    api.reset();
    cacheFleet = api.context().cacheFleet();
    prefix = api.fleet().keys().prefix();
    cacheFleet.redis().getKeys().flushall();
  }

  private static ContentKey keyOf(CacheType type, String content) {
    return ContentKey.of(type, content.getBytes(StandardCharsets.UTF_8), "rules", "1", "v1");
  }

  /** Keys that are not provider cache, written on the Redis of {@code fleet}. */
  private Set<String> notCacheOn(FleetContext fleet) {
    RedisKeys keys = fleet.keys();
    fleet.redis().getMap(keys.documentState("d1")).put("status", "completed");
    fleet.redis().getList(keys.ready("ocr")).add("{\"id\":\"t1\"}");
    fleet.redis().getMap(keys.stats("ocr")).put("submitted", "1");
    fleet.redis().getMap(keys.runs().assignments("ocr")).put("t1", "{\"status\":\"completed\"}");
    fleet.redis().getMap(keys.cacheMetrics("ocr")).put("hits", "1");
    return keysUnder(fleet.redis());
  }

  private Set<String> keysUnder(RedissonClient redis) {
    Set<String> keys = new TreeSet<>();
    for (String pattern : List.of(prefix + "*", "{" + prefix + "*")) {
      redis.getKeys().getKeys(KeysScanOptions.defaults().pattern(pattern)).forEach(keys::add);
    }
    return keys;
  }

  private long removedBy(String pattern) {
    Answer answer = api.post("/api/v1/cache/invalidate", "{\"pattern\":\"" + pattern + "\"}");
    assertThat(answer.status()).as(pattern).isEqualTo(200);
    return answer.json().get("keysRemoved").asLong();
  }

  @Test
  void aPatternRemovesOnlyProviderCacheKeysOnTheCachesRedis() {
    assertThat(cacheFleet.redis()).isNotSameAs(api.fleet().redis());
    Set<String> onTheQueueRedis = notCacheOn(api.fleet());
    Set<String> notCacheOnTheCacheRedis = notCacheOn(cacheFleet);
    assertThat(
            api.context()
                .cache()
                .putAll(
                    List.of(
                        new CacheEntry(
                            keyOf(CacheType.OCR, "scan"), CachePointer.document("d1"), "{}"),
                        new CacheEntry(
                            keyOf(CacheType.ENTITIES, "chunk"),
                            CachePointer.chunk("d1", "c1"),
                            "[]"))))
        .isTrue();
    Set<String> withTheCache = keysUnder(cacheFleet.redis());
    assertThat(withTheCache).hasSize(notCacheOnTheCacheRedis.size() + 5);

    assertThat(removedBy("doc:*")).isEqualTo(3); // two pointers and the document's index
    for (String refused : List.of("*", "tasks:*", "doc:state:*", "cache:metrics:*")) {
      Answer answer = api.post("/api/v1/cache/invalidate", "{\"pattern\":\"" + refused + "\"}");
      assertThat(answer.status()).as(refused).isEqualTo(400);
      assertThat(answer.json().get("field").asText()).as(refused).isEqualTo("pattern");
      assertThat(answer.text()).as(refused).contains("never doc:state:");
    }
    assertThat(keysUnder(cacheFleet.redis()))
        .containsAll(notCacheOnTheCacheRedis)
        .hasSize(notCacheOnTheCacheRedis.size() + 2);

    assertThat(removedBy("cache:ocr:*")).isOne();
    assertThat(removedBy("cache:entities:*")).isOne();
    assertThat(keysUnder(cacheFleet.redis())).isEqualTo(notCacheOnTheCacheRedis);
    assertThat(keysUnder(api.fleet().redis())).isEqualTo(onTheQueueRedis);
  }
}
