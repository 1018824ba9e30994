package io.docfleet.cache;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a document keeps a result: the whole document ({@code doc:ocr:<documentId>}) or one of its
 * chunks ({@code doc:entities:<documentId>:<chunkId>}). The pointer key holds the name of the
 * content entry, and the document's index lists both, so the document can be invalidated.
 */
public record CachePointer(String documentId, Optional<String> chunkId) {

  public CachePointer {
    requireId("documentId", documentId);
    Objects.requireNonNull(chunkId, "chunkId");
    chunkId.ifPresent(id -> requireId("chunkId", id));
  }

  /** The document-wide pointer, as OCR results use. */
  public static CachePointer document(String documentId) {
    return new CachePointer(documentId, Optional.empty());
  }

  /** The pointer of one chunk, as entity and structured results use. */
  public static CachePointer chunk(String documentId, String chunkId) {
    return new CachePointer(documentId, Optional.of(chunkId));
  }

  private static void requireId(String field, String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(field + ": expected an id, got '" + value + "'");
    }
  }
}
