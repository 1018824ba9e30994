package io.docfleet.store;

import io.docfleet.document.Entity;
import java.util.List;

/** The entities each extractor found in a document. */
public interface EntityStore {
  /**
   * Makes {@code entities} the set {@code extractor} found in the document (every entity must name
   * that extractor); other extractors' entities are untouched. Returns the rows written (0 on a
   * rerun).
   */
  int replaceEntities(String documentId, String extractor, List<Entity> entities);

  /** The document's entities of every extractor, in text order. */
  List<Entity> entities(String documentId);
}
