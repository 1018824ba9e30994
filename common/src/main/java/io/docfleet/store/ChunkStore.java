package io.docfleet.store;

import io.docfleet.document.Chunk;
import java.util.List;

/** The document text cut into chunks for extraction. */
public interface ChunkStore {
  /**
   * Makes {@code chunks} the document's chunk set, keyed by chunk id and compared by sha256.
   * Returns the rows written (0 on a rerun).
   */
  int saveChunks(String documentId, List<Chunk> chunks);

  /** The document's chunks in index order. */
  List<Chunk> chunks(String documentId);
}
