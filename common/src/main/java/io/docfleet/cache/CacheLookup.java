package io.docfleet.cache;

import java.util.Objects;

/**
 * One result a document needs: the content key it is cached under, and the document's pointer to
 * it. A chunk pointer goes with a per-chunk type (entities, structured), a document pointer with
 * OCR.
 */
public record CacheLookup(ContentKey key, CachePointer pointer) {

  public CacheLookup {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(pointer, "pointer");
    if (key.type().perChunk() != pointer.chunkId().isPresent()) {
      throw new IllegalArgumentException(
          key.type().wireName()
              + " results are kept per "
              + (key.type().perChunk() ? "chunk: the pointer needs a chunk id" : "document")
              + ", got "
              + pointer);
    }
  }
}
