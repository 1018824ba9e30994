package io.docfleet.cache;

import static io.docfleet.cache.CacheFixtures.entitiesKeyOf;
import static io.docfleet.cache.CacheFixtures.ocrKeyOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docfleet.cache.CacheFixtures.ProviderCall;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ProviderCache} promises; one subclass per implementation runs it. */
abstract class ProviderCacheContractTest {
  protected ProviderCache cache;

  protected abstract ProviderCache newCache();

  protected void cleanUp() {}

  @BeforeEach
  void openCache() {
    cache = newCache();
  }

  @AfterEach
  void closeCache() {
    cache.close();
    cleanUp();
  }

  @Test
  void answersWhatTheProviderAnswers() throws Exception {
    ProviderCall textract = new ProviderCall("ocr");
    String answer = cache.getOrCompute(ocrKeyOf("scan"), CachePointer.document("d1"), textract);
    assertThat(answer).isEqualTo(textract.answer());
    assertThat(textract.calls()).isEqualTo(1);
  }

  @Test
  void givesTheResultAsTheCallersReaderReadsIt() throws Exception {
    ProviderCall textract = new ProviderCall("ocr");
    int length =
        cache.getOrCompute(ocrKeyOf("scan"), CachePointer.document("d1"), textract, String::length);
    List<Integer> lengths =
        cache.getOrComputeAll(
            List.of(new CacheLookup(entitiesKeyOf("chunk"), CachePointer.chunk("d1", "c1"))),
            lookup -> "four",
            String::length);
    assertThat(length).isEqualTo(textract.answer().length());
    assertThat(lengths).containsExactly(4);
  }

  @Test
  void givesTheProvidersExceptionToTheCallerUnchanged() {
    IOException refused = new IOException("connection refused");
    assertThatThrownBy(
            () ->
                cache.getOrCompute(
                    ocrKeyOf("scan"),
                    CachePointer.document("d1"),
                    () -> {
                      throw refused;
                    }))
        .isSameAs(refused);
  }

  @Test
  void refusesAPointerOfTheWrongShape() {
    assertThatThrownBy(
            () ->
                cache.getOrCompute(entitiesKeyOf("chunk"), CachePointer.document("d1"), () -> "{}"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void batchReadsReturnNothingButWhatWasStored() {
    CacheEntry stored = new CacheEntry(entitiesKeyOf("one"), CachePointer.chunk("d1", "c1"), "1");
    CacheLookup neverStored = new CacheLookup(entitiesKeyOf("two"), CachePointer.chunk("d1", "c2"));
    cache.putAll(List.of(stored));

    Map<CacheLookup, String> found = cache.getAll(List.of(stored.lookup(), neverStored));

    assertThat(found).doesNotContainKey(neverStored);
    assertThat(found.values()).allMatch("1"::equals);
    assertThat(cache.existing(List.of(entitiesKeyOf("two")))).isEmpty();
    assertThat(cache.getAll(List.of())).isEmpty();
    assertThat(cache.putAll(List.of())).isIn(true, false);
    assertThat(cache.existing(List.of())).isEmpty();
  }

  @Test
  void aBatchAnswersEveryLookupInOrderAndGivesTheProvidersExceptionUnchanged() throws Exception {
    CacheLookup first = new CacheLookup(entitiesKeyOf("one"), CachePointer.chunk("d1", "c1"));
    CacheLookup second = new CacheLookup(entitiesKeyOf("two"), CachePointer.chunk("d1", "c2"));

    List<String> answers =
        cache.getOrComputeAll(
            List.of(first, second), lookup -> lookup.pointer().chunkId().orElseThrow());

    assertThat(answers).containsExactly("c1", "c2");
    IOException refused = new IOException("connection refused");
    CacheLookup third = new CacheLookup(entitiesKeyOf("three"), CachePointer.chunk("d1", "c3"));
    assertThatThrownBy(
            () ->
                cache.getOrComputeAll(
                    List.of(third),
                    lookup -> {
                      throw refused;
                    }))
        .isSameAs(refused);
  }

  @Test
  void anInvalidatedDocumentCallsTheProviderAgain() throws Exception {
    ProviderCall textract = new ProviderCall("ocr");
    cache.getOrCompute(ocrKeyOf("scan"), CachePointer.document("d1"), textract);

    cache.invalidate("d1");
    String again = cache.getOrCompute(ocrKeyOf("scan"), CachePointer.document("d1"), textract);

    assertThat(again).isEqualTo(textract.answer());
    assertThat(textract.calls()).isEqualTo(2);
    assertThat(cache.invalidate("never-seen")).isZero();
  }
}
