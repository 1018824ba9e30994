package io.docfleet.cache;

/**
 * What a cached result is the result of. OCR results belong to a whole document ({@code
 * doc:ocr:<documentId>}); entity and structured extraction results to one chunk of it.
 */
public enum CacheType {
  OCR("ocr", false),
  ENTITIES("entities", true),
  STRUCTURED("structured", true);

  private final String wireName;
  private final boolean perChunk;

  CacheType(String wireName, boolean perChunk) {
    this.wireName = wireName;
    this.perChunk = perChunk;
  }

  /** The name in keys and metrics: {@code ocr}, {@code entities}, {@code structured}. */
  public String wireName() {
    return wireName;
  }

  /** True when a document has one result of this type per chunk. */
  public boolean perChunk() {
    return perChunk;
  }
}
