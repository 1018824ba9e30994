package io.docfleet.cache;

import static io.docfleet.cache.CacheFixtures.entitiesKeyOf;
import static io.docfleet.cache.CacheFixtures.keysUnder;
import static io.docfleet.cache.CacheFixtures.ocrKeyOf;
import static io.docfleet.cache.CacheFixtures.settings;
import static io.docfleet.cache.CacheFixtures.structuredKeyOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.docfleet.cache.CacheFixtures.ProviderCall;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.RedisKeys;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.client.codec.StringCodec;

class RedisProviderCacheTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("cache");

  private String prefix;
  private FleetContext fleet;
  private RedisKeys keys;
  private CacheNames names;
  private RedisProviderCache cache;

  @BeforeEach
  void setUp() {
    prefix = redis.prefix();
    fleet = redis.context(new SettableClock());
    keys = fleet.keys();
    names = new CacheNames(keys);
    cache = new RedisProviderCache(fleet, settings("CACHE_TTL_ENTITIES", "2d"));
  }

  @AfterEach
  void tearDown() {
    cache.close();
  }

  private RedissonClient redis() {
    return fleet.redis();
  }

  private String get(String key) {
    return redis().<String>getBucket(key, StringCodec.INSTANCE).get();
  }

  private static List<CacheEntry> chunkResults(String documentId, int count) {
    List<CacheEntry> entries = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      entries.add(
          new CacheEntry(
              entitiesKeyOf("chunk text " + i),
              CachePointer.chunk(documentId, "c" + i),
              "{\"chunk\":" + i + "}"));
    }
    return entries;
  }

  @Test
  void aSecondCallForTheSameContentIsServedFromTheCache() throws Exception {
    ProviderCall textract = new ProviderCall("ocr");
    cache.getOrCompute(ocrKeyOf("scan"), CachePointer.document("d1"), textract);
    String second = cache.getOrCompute(ocrKeyOf("scan"), CachePointer.document("d1"), textract);

    assertThat(second).isEqualTo(textract.answer());
    assertThat(textract.calls()).isEqualTo(1);
    assertThat(get(names.entry(ocrKeyOf("scan")))).isEqualTo(textract.answer());
  }

  @Test
  void theSameBytesUploadedAsTwoDocumentsCostOneCall() throws Exception {
    ProviderCall textract = new ProviderCall("ocr");
    ContentKey key = ocrKeyOf("the same scan");
    cache.getOrCompute(key, CachePointer.document("d1"), textract);
    cache.getOrCompute(key, CachePointer.document("d2"), textract);

    assertThat(textract.calls()).isEqualTo(1);
    String entry = names.entry(key);
    assertThat(get(keys.documentPointer("ocr", "d1"))).isEqualTo(entry);
    assertThat(get(keys.documentPointer("ocr", "d2"))).isEqualTo(entry);
    assertThat(redis().<String>getSet(keys.documentIndex("d2"), StringCodec.INSTANCE).readAll())
        .containsExactlyInAnyOrder(entry, keys.documentPointer("ocr", "d2"));
  }

  @Test
  void aNewModelOrPromptVersionNeverReturnsTheOldAnswer() throws Exception {
    ContentKey old = structuredKeyOf("clause");
    ContentKey newModel =
        new ContentKey(old.type(), old.sha256(), old.engine(), "gpt-5", old.settingsVersion());
    ContentKey newPrompt =
        new ContentKey(old.type(), old.sha256(), old.engine(), old.engineVersion(), "schema-v2");
    CachePointer pointer = CachePointer.chunk("d1", "c1");

    cache.getOrCompute(old, pointer, () -> "old");
    assertThat(cache.getOrCompute(newModel, pointer, () -> "new model")).isEqualTo("new model");
    assertThat(cache.getOrCompute(newPrompt, pointer, () -> "new prompt")).isEqualTo("new prompt");
    assertThat(cache.getOrCompute(old, pointer, () -> "recomputed")).isEqualTo("old");
  }

  @Test
  void entriesAndPointersLiveForTheirTypesTtlAndTheIndexForTheLongest() throws Exception {
    cache.getOrCompute(entitiesKeyOf("text"), CachePointer.chunk("d1", "c1"), () -> "{}");
    cache.getOrCompute(ocrKeyOf("scan"), CachePointer.document("d1"), () -> "{}");

    long entityTtl = redis().getBucket(names.entry(entitiesKeyOf("text"))).remainTimeToLive();
    long pointerTtl =
        redis().getBucket(keys.chunkPointer("entities", "d1", "c1")).remainTimeToLive();
    long ocrTtl = redis().getBucket(names.entry(ocrKeyOf("scan"))).remainTimeToLive();
    long indexTtl = redis().getSet(keys.documentIndex("d1")).remainTimeToLive();
    assertThat(entityTtl)
        .isBetween(Duration.ofDays(2).minusMinutes(1).toMillis(), Duration.ofDays(2).toMillis());
    assertThat(pointerTtl)
        .isBetween(Duration.ofDays(2).minusMinutes(1).toMillis(), Duration.ofDays(2).toMillis());
    assertThat(ocrTtl).isGreaterThan(Duration.ofDays(29).toMillis());
    assertThat(indexTtl).isGreaterThan(Duration.ofDays(29).toMillis());
  }

  @Test
  void largeValuesAreStoredCompressedAndReadBackWhole() throws Exception {
    String pages = "{\"pages\":[\"" + "Page text of a long contract. ".repeat(2000) + "\"]}";
    ContentKey key = ocrKeyOf("long contract");
    cache.getOrCompute(key, CachePointer.document("d1"), () -> pages);

    byte[] stored = redis().<byte[]>getBucket(names.entry(key), ByteArrayCodec.INSTANCE).get();
    assertThat(CompressedValues.isCompressed(stored)).isTrue();
    assertThat(stored.length).isLessThan(pages.length() / 10);
    assertThat(cache.getOrCompute(key, CachePointer.document("d1"), () -> "recomputed"))
        .isEqualTo(pages);
  }

  @Test
  void readsAndWritesAllChunksOfADocumentInOneBatch() {
    List<CacheEntry> results = chunkResults("d1", 20);
    assertThat(cache.putAll(results.subList(0, 15))).isTrue();

    List<CacheLookup> lookups = results.stream().map(CacheEntry::lookup).toList();
    Map<CacheLookup, String> found = cache.getAll(lookups);

    assertThat(found).hasSize(15);
    for (CacheEntry stored : results.subList(0, 15)) {
      assertThat(found).containsEntry(stored.lookup(), stored.value());
    }
    assertThat(cache.existing(results.stream().map(CacheEntry::key).toList()))
        .containsExactlyInAnyOrderElementsOf(
            results.subList(0, 15).stream().map(CacheEntry::key).toList());
    assertThat(get(keys.chunkPointer("entities", "d1", "c3")))
        .isEqualTo(names.entry(results.get(3).key()));
  }

  @Test
  void aBatchWithMissingChunksCountsEachLookupOnceAndComputesOnlyTheMissingOnes() throws Exception {
    List<CacheEntry> results = chunkResults("d1", 3);
    cache.putAll(results.subList(0, 1));
    List<CacheLookup> lookups = results.stream().map(CacheEntry::lookup).toList();
    List<CacheLookup> computed = new ArrayList<>();

    List<String> answers =
        cache.getOrComputeAll(
            lookups,
            lookup -> {
              computed.add(lookup);
              return "computed " + lookup.pointer().chunkId().orElseThrow();
            });

    assertThat(answers).containsExactly(results.get(0).value(), "computed c1", "computed c2");
    assertThat(computed).containsExactly(lookups.get(1), lookups.get(2));
    assertThat(get(names.entry(results.get(2).key()))).isEqualTo("computed c2");
    assertThat(cache.flushMetrics()).isTrue();
    CacheMetricsSnapshot entities = new CacheInspector(fleet).metrics(CacheType.ENTITIES);
    assertThat(entities.hits()).isEqualTo(1);
    assertThat(entities.misses()).as("one miss per missing chunk, not two").isEqualTo(2);

    cache.getOrComputeAll(lookups, lookup -> "never");
    assertThat(cache.flushMetrics()).isTrue();
    assertThat(new CacheInspector(fleet).metrics(CacheType.ENTITIES).hits()).isEqualTo(4);
  }

  @Test
  void aBatchHitForAnotherDocumentGivesThatDocumentItsPointers() {
    List<CacheEntry> first = chunkResults("d1", 3);
    cache.putAll(first);
    List<CacheLookup> second =
        first.stream()
            .map(
                e ->
                    new CacheLookup(e.key(), CachePointer.chunk("d2", e.pointer().chunkId().get())))
            .toList();

    assertThat(cache.getAll(second)).hasSize(3);

    assertThat(get(keys.chunkPointer("entities", "d2", "c1")))
        .isEqualTo(names.entry(first.get(1).key()));
    assertThat(redis().getSet(keys.documentIndex("d2")).size()).isEqualTo(6);
  }

  @Test
  void invalidatingADocumentRemovesItsPointersAndTheEntriesTheyPointAt() throws Exception {
    ProviderCall textract = new ProviderCall("ocr");
    cache.getOrCompute(ocrKeyOf("scan"), CachePointer.document("d1"), textract);
    cache.putAll(chunkResults("d1", 3));
    cache.putAll(
        chunkResults("other", 1).stream()
            .map(e -> new CacheEntry(entitiesKeyOf("unrelated"), e.pointer(), "x"))
            .toList());

    long removed = cache.invalidate("d1");

    assertThat(removed).isEqualTo(4 + 4 + 1);
    assertThat(keysUnder(redis(), prefix))
        .containsExactlyInAnyOrder(
            names.entry(entitiesKeyOf("unrelated")),
            keys.chunkPointer("entities", "other", "c0"),
            keys.documentIndex("other"));
    cache.getOrCompute(ocrKeyOf("scan"), CachePointer.document("d1"), textract);
    assertThat(textract.calls()).isEqualTo(2);
  }

  @Test
  void anotherDocumentWithTheSameContentRecomputesAfterItsTwinWasInvalidated() throws Exception {
    ProviderCall textract = new ProviderCall("ocr");
    cache.getOrCompute(ocrKeyOf("shared"), CachePointer.document("d1"), textract);
    cache.getOrCompute(ocrKeyOf("shared"), CachePointer.document("d2"), textract);

    cache.invalidate("d1");
    cache.getOrCompute(ocrKeyOf("shared"), CachePointer.document("d2"), textract);

    assertThat(textract.calls()).isEqualTo(2);
  }

  @Test
  void aFailedComputationStoresNothingAndReleasesTheKey() throws Exception {
    ContentKey key = ocrKeyOf("scan");
    assertThatThrownBy(
            () ->
                cache.getOrCompute(
                    key,
                    CachePointer.document("d1"),
                    () -> {
                      throw new IllegalStateException("provider said 500");
                    }))
        .hasMessage("provider said 500");

    assertThat(redis().getLock(names.lock(key)).isLocked()).isFalse();
    assertThat(keysUnder(redis(), prefix)).isEmpty();
    assertThat(cache.getOrCompute(key, CachePointer.document("d1"), () -> "ok")).isEqualTo("ok");
  }

  @Test
  void anEntryTheReaderCannotReadIsAnErrorAndAMissAndIsWrittenAgain() throws Exception {
    ContentKey key = ocrKeyOf("scan");
    redis().getBucket(names.entry(key), StringCodec.INSTANCE).set("[{\"number\": 1, \"te");
    ProviderCall textract = new ProviderCall("ocr");

    JsonNode read =
        cache.getOrCompute(
            key, CachePointer.document("d1"), textract, fleet.codec().mapper()::readTree);

    assertThat(read.path("result").asText()).isEqualTo("ocr");
    assertThat(textract.calls()).isEqualTo(1);
    assertThat(get(names.entry(key))).isEqualTo(textract.answer());
    assertThat(cache.flushMetrics()).isTrue();
    CacheMetricsSnapshot ocr = new CacheInspector(fleet).metrics(CacheType.OCR);
    assertThat(ocr.hits()).isZero();
    assertThat(ocr.misses()).isEqualTo(1);
    assertThat(ocr.errors()).as("counted once, though read twice").isEqualTo(1);
  }

  @Test
  void aCompressedEntryThatDoesNotUnpackIsAnErrorAndAMissOnce() throws Exception {
    List<CacheEntry> chunks = chunkResults("d1", 2);
    cache.putAll(chunks);
    byte[] brokenGzip = {(byte) 0x1f, (byte) 0x8b, 8, 0, 1, 2, 3};
    redis()
        .<byte[]>getBucket(names.entry(chunks.get(1).key()), ByteArrayCodec.INSTANCE)
        .set(brokenGzip);

    List<String> answers =
        cache.getOrComputeAll(
            chunks.stream().map(CacheEntry::lookup).toList(), lookup -> "computed");

    assertThat(answers).containsExactly(chunks.get(0).value(), "computed");
    assertThat(get(names.entry(chunks.get(1).key()))).isEqualTo("computed");
    assertThat(cache.flushMetrics()).isTrue();
    CacheMetricsSnapshot entities = new CacheInspector(fleet).metrics(CacheType.ENTITIES);
    assertThat(entities.hits()).isEqualTo(1);
    assertThat(entities.misses()).isEqualTo(1);
    assertThat(entities.errors()).isEqualTo(1);
  }

  @Test
  void aComputedResultTheReaderCannotReadIsTheCallersErrorAndIsNotStored() {
    ContentKey key = ocrKeyOf("scan");

    assertThatThrownBy(
            () ->
                cache.getOrCompute(
                    key,
                    CachePointer.document("d1"),
                    () -> "not pages",
                    value -> {
                      throw new IllegalArgumentException("not pages");
                    }))
        .hasMessage("not pages");

    assertThat(redis().getBucket(names.entry(key)).isExists()).isFalse();
  }

  @Test
  void countsHitsAndMissesPerTypeAndInTotal() throws Exception {
    ProviderCall textract = new ProviderCall("ocr");
    for (int i = 0; i < 3; i++) {
      cache.getOrCompute(ocrKeyOf("scan"), CachePointer.document("d1"), textract);
    }
    List<CacheEntry> chunks = chunkResults("d1", 2);
    cache.putAll(chunks.subList(0, 1));
    cache.getAll(chunks.stream().map(CacheEntry::lookup).toList());
    assertThat(cache.flushMetrics()).isTrue();

    CacheInspector inspector = new CacheInspector(fleet);
    CacheMetricsSnapshot ocr = inspector.metrics(CacheType.OCR);
    assertThat(ocr.hits()).isEqualTo(2);
    assertThat(ocr.misses()).isEqualTo(1);
    assertThat(ocr.hitRate()).isEqualTo(2.0 / 3);
    CacheMetricsSnapshot entities = inspector.metrics(CacheType.ENTITIES);
    assertThat(entities.hits()).isEqualTo(1);
    assertThat(entities.misses()).isEqualTo(1);
    CacheMetricsSnapshot total = inspector.total();
    assertThat(total.scope()).isEqualTo("total");
    assertThat(total.hits()).isEqualTo(3);
    assertThat(total.misses()).isEqualTo(2);
    assertThat(total.errors()).isZero();
    assertThat(inspector.metrics(CacheType.STRUCTURED).hitRate()).isZero();
    assertThat(redis().getMap(keys.cacheMetrics("ocr"), StringCodec.INSTANCE).get("hits"))
        .isEqualTo("2");
  }

  @Test
  void aStartedCacheWritesItsMetricsOnItsOwnAndOnClose() throws Exception {
    RedisProviderCache started =
        new RedisProviderCache(fleet, settings("CACHE_METRICS_INTERVAL", "50ms")).start();
    started.getOrCompute(ocrKeyOf("scan"), CachePointer.document("d1"), () -> "{}");
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> new CacheInspector(fleet).total().misses() == 1);
    started.getOrCompute(ocrKeyOf("scan"), CachePointer.document("d1"), () -> "{}");
    started.close();
    assertThat(new CacheInspector(fleet).total().hits()).isEqualTo(1);
  }
}
