package io.docfleet.worker.pipeline;

import io.docfleet.cache.CacheLookup;
import io.docfleet.cache.CachePointer;
import io.docfleet.cache.CacheType;
import io.docfleet.cache.ContentKey;
import io.docfleet.document.Chunk;
import io.docfleet.worker.extraction.EntityExtractor;

/**
 * The cache keys the stages compute under, for callers outside a stage that read the same entries
 * (the pipeline benchmark times reads of the entries its run wrote).
 */
public final class PipelineCacheKeys {
  private PipelineCacheKeys() {}

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
}
