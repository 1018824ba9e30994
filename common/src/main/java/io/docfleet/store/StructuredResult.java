package io.docfleet.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * What a structured extractor made of a document: the extractor ({@code openai:<model>}...), the
 * version of the schema it filled, the sha256 of the text it read, and the result as JSON.
 */
public record StructuredResult(
    String documentId, String extractor, int schemaVersion, String contentSha256, JsonNode result) {

  public StructuredResult {
    Objects.requireNonNull(documentId, "documentId");
    Objects.requireNonNull(extractor, "extractor");
    Objects.requireNonNull(contentSha256, "contentSha256");
    Objects.requireNonNull(result, "result");
    if (schemaVersion < 1) {
      throw new IllegalArgumentException("schema version below 1: " + schemaVersion);
    }
  }
}
