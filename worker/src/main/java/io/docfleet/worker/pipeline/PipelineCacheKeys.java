package io.docfleet.worker.pipeline;

import io.docfleet.cache.CacheLookup;
import io.docfleet.cache.CachePointer;
import io.docfleet.cache.CacheType;
import io.docfleet.cache.ContentKey;
import io.docfleet.document.Chunk;
import io.docfleet.document.ContentHash;
import io.docfleet.worker.extraction.EntityExtractor;
import io.docfleet.worker.extraction.StructuredExtractor;
import io.docfleet.worker.ocr.OcrEngine;

/**
 * The cache keys the stages compute under, for callers outside a stage that read the same entries
 * (the pipeline benchmark times reads of the entries its run wrote).
 */
public final class PipelineCacheKeys {
  private PipelineCacheKeys() {}

  /** The key of a document's pages as {@code engine} reads content of this sha256. */
  public static ContentKey ocr(String contentSha256, OcrEngine engine) {
    return new ContentKey(
        CacheType.OCR, contentSha256, engine.name(), engine.version(), OcrStage.SETTINGS_VERSION);
  }

  /** The key of a chunk's entities as {@code extractor} finds them. */
  public static ContentKey entities(Chunk chunk, EntityExtractor extractor) {
    return new ContentKey(
        CacheType.ENTITIES,
        chunk.sha256(),
        extractor.name(),
        extractor.version(),
        EntitiesStage.SETTINGS_VERSION);
  }

  /** The lookup of a chunk's entities with the document's own pointer. */
  public static CacheLookup entities(String documentId, Chunk chunk, EntityExtractor extractor) {
    return new CacheLookup(entities(chunk, extractor), CachePointer.chunk(documentId, chunk.id()));
  }

  /**
   * The key of the structured result of a document's whole text, as {@code extractor} makes it from
   * the entities {@code entities} found (a new entity extractor version is a new key).
   */
  public static ContentKey structured(
      String text, StructuredExtractor extractor, EntityExtractor entities) {
    return new ContentKey(
        CacheType.STRUCTURED,
        ContentHash.sha256(text),
        extractor.name(),
        extractor.version(),
        StructuredStage.SETTINGS_VERSION + "+" + entities.version());
  }
}
