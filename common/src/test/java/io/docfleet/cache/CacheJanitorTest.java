package io.docfleet.cache;

import static io.docfleet.cache.CacheFixtures.keysUnder;
import static io.docfleet.cache.CacheFixtures.ocrKeyOf;
import static io.docfleet.cache.CacheFixtures.structuredKeyOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docfleet.redis.FleetContext;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Pattern invalidation ({@link CacheJanitorOnClusterTest} runs it on a Redis Cluster). */
class CacheJanitorTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("cache-janitor");

  final String prefix = redis().prefix();
  FleetContext fleet;
  RedisProviderCache cache;
  CacheJanitor janitor;

  /** The Redis and key prefix the tests run on: the shared single Redis here. */
  TestRedisPrefix redis() {
    return redis;
  }

  @BeforeEach
  void setUp() {
    fleet = redis().context(new SettableClock());
    cache = new RedisProviderCache(fleet, CacheFixtures.settings());
    janitor = new CacheJanitor(fleet);
  }

  @AfterEach
  void tearDown() {
    cache.close();
  }

  @Test
  void removesTheEntriesOfATypeAndLeavesTheRest() {
    List<CacheEntry> entries = new ArrayList<>();
    for (int i = 0; i < CacheJanitor.CHUNK + 20; i++) {
      entries.add(new CacheEntry(ocrKeyOf("scan " + i), CachePointer.document("d" + i), "o"));
    }
    entries.add(new CacheEntry(structuredKeyOf("clause"), CachePointer.chunk("d0", "c1"), "s"));
    cache.putAll(entries);

    assertThat(janitor.invalidateMatching("cache:ocr:*")).isEqualTo(CacheJanitor.CHUNK + 20);

    assertThat(cache.existing(List.of(ocrKeyOf("scan 3"), structuredKeyOf("clause"))))
        .containsExactly(structuredKeyOf("clause"));
  }

  @Test
  void removesADocumentsPointersByPattern() {
    cache.putAll(
        List.of(
            new CacheEntry(ocrKeyOf("a"), CachePointer.document("case-7"), "a"),
            new CacheEntry(structuredKeyOf("b"), CachePointer.chunk("case-7", "c1"), "b"),
            new CacheEntry(ocrKeyOf("c"), CachePointer.document("case-8"), "c")));

    assertThat(janitor.invalidateMatching("doc:*:case-7*")).isEqualTo(3);

    assertThat(keysUnder(fleet.redis(), prefix))
        .contains(fleet.keys().documentPointer("ocr", "case-8"))
        .doesNotContain(fleet.keys().documentIndex("case-7"));
    assertThat(janitor.invalidateMatching("doc:*:nothing-here")).isZero();
  }

  /** Writes one key of every kind the provider cache does not own; returns their names. */
  private Set<String> keysThatAreNotCache() {
    var keys = fleet.keys();
    var redis = fleet.redis();
    redis.getMap(keys.documentState("case-7")).put("status", "completed");
    redis.getMap(keys.documentState("d1")).put("status", "processing");
    redis.getList(keys.ready("ocr")).add("{\"id\":\"t1\"}");
    redis.getList(keys.dead("ocr")).add("{\"id\":\"t0\"}");
    redis.getMap(keys.stats("ocr")).put("submitted", "2");
    redis.getMap(keys.runs().assignments("ocr")).put("t1", "{\"status\":\"running\"}");
    redis.getBucket(keys.pendingDocument("d1")).set("1");
    redis.getMap(keys.cacheMetrics("ocr")).put("hits", "3");
    redis.getMap(keys.cacheLock("ocr", "a".repeat(64), "e", "1", "s")).put("owner", "1");
    redis.getMap(keys.ocrJobs().status("j1")).put("status", "succeeded");
    return new TreeSet<>(keysUnder(redis, prefix));
  }

  @Test
  void aPatternRemovesOnlyProviderCacheKeysWhateverElseItMatches() {
    Set<String> notCache = keysThatAreNotCache();
    cache.putAll(
        List.of(
            new CacheEntry(ocrKeyOf("a"), CachePointer.document("case-7"), "a"),
            new CacheEntry(structuredKeyOf("b"), CachePointer.chunk("case-7", "c1"), "b")));
    CacheNames names = new CacheNames(fleet.keys());
    Set<String> entries = Set.of(names.entry(ocrKeyOf("a")), names.entry(structuredKeyOf("b")));
    assertThat(keysUnder(fleet.redis(), prefix)).containsAll(entries).hasSize(notCache.size() + 5);

    assertThat(janitor.invalidateMatching("doc:*")).isEqualTo(3); // two pointers and the index
    assertThat(janitor.invalidateMatching("doc:*:case-7*")).isZero();
    for (String refused : List.of("*", "tasks:*", "doc:state:*", "doc:state*", "cache:lock:*")) {
      assertThatThrownBy(() -> janitor.invalidateMatching(refused))
          .as(refused)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("never doc:state:");
    }
    assertThat(janitor.invalidateMatching("doc:s*")).isZero(); // could be doc:structured:...
    assertThat(keysUnder(fleet.redis(), prefix)).isEqualTo(union(notCache, entries));

    assertThat(janitor.invalidateMatching("cache:ocr:*")).isOne();
    assertThat(janitor.invalidateMatching("cache:structured:*")).isOne();
    assertThat(keysUnder(fleet.redis(), prefix)).isEqualTo(notCache);
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }

  @Test
  void refusesPatternsOutsideTheCache() {
    for (String pattern : new String[] {"*", "tasks:*", "cache:*", "cache:lock:*", "rate:*"}) {
      assertThatThrownBy(() -> janitor.invalidateMatching(pattern))
          .as(pattern)
          .hasMessageContaining(
              "expected a pattern starting with cache:<ocr|entities|structured>:");
    }
  }
}
