package io.docfleet.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the documents of a multi-document YAML stream as JSON trees (empty documents dropped). */
final class Yaml {
  private static final YAMLMapper MAPPER = new YAMLMapper(new YAMLFactory());

  private Yaml() {}

  static List<ObjectNode> documents(Path file) {
    return documents(Repo.read(file), Repo.relative(file));
  }

  static List<ObjectNode> documents(String text, String origin) {
    List<ObjectNode> documents = new ArrayList<>();
    try (var values = MAPPER.readerFor(JsonNode.class).<JsonNode>readValues(text)) {
      while (values.hasNext()) {
        JsonNode document = values.next();
        if (document == null || document.isNull() || document.isMissingNode()) {
          continue;
        }
        if (!document.isObject()) {
          throw new IllegalArgumentException(origin + ": a document is not a mapping: " + document);
        }
        documents.add((ObjectNode) document);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(origin + ": " + e.getMessage(), e);
    }
    return documents;
  }
}
