package io.docfleet.cache;

import static io.docfleet.cache.CacheFixtures.keysUnder;
import static io.docfleet.cache.CacheFixtures.ocrKeyOf;
import static io.docfleet.cache.CacheFixtures.structuredKeyOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docfleet.redis.FleetContext;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestRedis;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pattern invalidation ({@link CacheJanitorOnClusterTest} runs it on a Redis Cluster). */
class CacheJanitorTest {
  final String prefix = TestRedis.uniquePrefix("cache-janitor");
  FleetContext ctx;
  RedisProviderCache cache;
  CacheJanitor janitor;

  /** The fleet context under {@code prefix}: on the shared single Redis here. */
  FleetContext context(String prefix) {
    return TestRedis.context(prefix, new SettableClock());
  }

  @BeforeEach
  void setUp() {
    ctx = context(prefix);
    cache = new RedisProviderCache(ctx, CacheFixtures.settings());
    janitor = new CacheJanitor(ctx);
  }

  @AfterEach
  void tearDown() {
    cache.close();
    TestRedis.deleteKeys(ctx.redis(), prefix);
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

    assertThat(keysUnder(ctx.redis(), prefix))
        .contains(ctx.keys().documentPointer("ocr", "case-8"))
        .doesNotContain(ctx.keys().documentIndex("case-7"));
    assertThat(janitor.invalidateMatching("doc:*:nothing-here")).isZero();
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
