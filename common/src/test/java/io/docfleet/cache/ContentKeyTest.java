package io.docfleet.cache;

import static io.docfleet.cache.CacheFixtures.entitiesKeyOf;
import static io.docfleet.cache.CacheFixtures.ocrKeyOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContentKeyTest {
  private static final String ABC_SHA256 =
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  @Test
  void isTheSha256OfTheInputPlusWhatShapesTheResult() {
    assertThat(ContentKey.sha256("abc")).isEqualTo(ABC_SHA256);
    assertThat(ContentKey.sha256("abc".getBytes(StandardCharsets.UTF_8))).isEqualTo(ABC_SHA256);
    ContentKey key = ContentKey.of(CacheType.OCR, "abc".getBytes(), "textract", "1", "v1");
    assertThat(key.sha256()).isEqualTo(ABC_SHA256);
    assertThat(key).isEqualTo(new ContentKey(CacheType.OCR, ABC_SHA256, "textract", "1", "v1"));
  }

  @Test
  void theSameBytesGiveTheSameKeyAndAnotherModelAnotherKey() {
    assertThat(ocrKeyOf("scan")).isEqualTo(ocrKeyOf("scan"));
    ContentKey mini = entitiesKeyOf("text");
    ContentKey other =
        new ContentKey(mini.type(), mini.sha256(), mini.engine(), "gpt-4.1", "prompt-v1");
    assertThat(other).isNotEqualTo(mini);
  }

  @Test
  void acceptsUpperCaseHexAndRejectsAnythingElse() {
    String upper = ABC_SHA256.toUpperCase();
    assertThat(new ContentKey(CacheType.OCR, upper, "e", "1", "v").sha256()).isEqualTo(ABC_SHA256);
    assertThatThrownBy(() -> new ContentKey(CacheType.OCR, "abc", "e", "1", "v"))
        .hasMessageContaining("sha256: expected 64 hex digits");
    assertThatThrownBy(() -> new ContentKey(CacheType.OCR, ABC_SHA256, " ", "1", "v"))
        .hasMessageContaining("engine");
    assertThatThrownBy(() -> new ContentKey(CacheType.OCR, ABC_SHA256, "e", null, "v"))
        .hasMessageContaining("engineVersion");
    assertThatThrownBy(() -> new ContentKey(CacheType.OCR, ABC_SHA256, "e", "1", ""))
        .hasMessageContaining("settingsVersion");
  }

  @Test
  void ocrIsKeptPerDocumentAndExtractionPerChunk() {
    assertThat(CacheType.OCR.perChunk()).isFalse();
    assertThat(CacheType.ENTITIES.perChunk()).isTrue();
    CachePointer chunk = CachePointer.chunk("d1", "c1");
    CachePointer document = CachePointer.document("d1");
    assertThat(new CacheLookup(entitiesKeyOf("t"), chunk).pointer()).isEqualTo(chunk);
    assertThat(new CacheLookup(ocrKeyOf("t"), document).pointer()).isEqualTo(document);
    assertThatThrownBy(() -> new CacheLookup(ocrKeyOf("t"), chunk))
        .hasMessageContaining("ocr results are kept per document");
    assertThatThrownBy(() -> new CacheEntry(entitiesKeyOf("t"), document, "{}"))
        .hasMessageContaining("the pointer needs a chunk id");
    assertThatThrownBy(() -> CachePointer.document("")).hasMessageContaining("documentId");
    assertThatThrownBy(() -> CachePointer.chunk("d1", "")).hasMessageContaining("chunkId");
  }
}
