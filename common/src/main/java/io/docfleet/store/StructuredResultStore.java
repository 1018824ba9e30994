package io.docfleet.store;

import java.util.List;
import java.util.Optional;

/** The structured extraction results, one per document, extractor, schema version and content. */
public interface StructuredResultStore {
  /** Stores the result, replacing a different one with the same key; returns rows written. */
  int save(StructuredResult result);

  /** The result {@code extractor} stored last for the document. */
  Optional<StructuredResult> latest(String documentId, String extractor);

  /** The latest result of each extractor that stored one for the document, by extractor. */
  List<StructuredResult> latestOfEach(String documentId);
}
