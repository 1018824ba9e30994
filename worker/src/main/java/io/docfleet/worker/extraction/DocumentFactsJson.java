package io.docfleet.worker.extraction;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * {@link DocumentFacts} as JSON, always checked against the schema shipped beside this class
 * ({@code document-facts.schema.json}, JSON Schema 2020-12).
 */
public final class DocumentFactsJson {
  public static final String SCHEMA_RESOURCE = "document-facts.schema.json";

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();
  private static final JsonNode SCHEMA_NODE = readSchema();
  private static final Schema SCHEMA =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(SCHEMA_NODE.toString());

  private DocumentFactsJson() {}

  /** The schema as shipped. */
  public static JsonNode schema() {
    return SCHEMA_NODE.deepCopy();
  }

  /** The schema as a strict response format takes it: without $schema, $id and title. */
  static ObjectNode responseSchema() {
    ObjectNode copy = SCHEMA_NODE.deepCopy();
    copy.remove(List.of("$schema", "$id", "title"));
    return copy;
  }

  /** What is wrong with {@code json} against the schema; empty when it is valid. */
  public static List<String> problems(String json) {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      return List.of("not JSON: " + e.getOriginalMessage());
    }
    return SCHEMA.validate(node).stream().map(Error::toString).toList();
  }

  /**
   * Reads a valid JSON object.
   *
   * @throws IllegalArgumentException listing the schema problems
   */
  public static DocumentFacts read(String json) {
    List<String> problems = problems(json);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "not valid document facts: " + String.join("; ", problems));
    }
    try {
      return MAPPER.readValue(json, DocumentFacts.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid document facts: " + e.getOriginalMessage(), e);
    }
  }

  /** Writes the facts, failing when they break the schema (a bug in the extractor). */
  public static String write(DocumentFacts facts) {
    String json;
    try {
      json = MAPPER.writeValueAsString(facts);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("document facts cannot be written as JSON", e);
    }
    List<String> problems = problems(json);
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "document facts break " + SCHEMA_RESOURCE + ": " + String.join("; ", problems));
    }
    return json;
  }

  private static JsonNode readSchema() {
    try (InputStream in = DocumentFactsJson.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(SCHEMA_RESOURCE + " is missing from the class path");
      }
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
