package io.docfleet.worker.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docfleet.document.Entity;
import io.docfleet.document.PageText;
import java.util.ArrayList;
import java.util.List;

/**
 * The cached forms of stage results: pages as they came from OCR, and a chunk's entities with
 * offsets relative to the chunk (the same chunk text sits at other offsets in other documents).
 */
final class PipelineJson {
  private static final TypeReference<List<PageText>> PAGES = new TypeReference<>() {};
  private static final TypeReference<List<Entity>> ENTITIES = new TypeReference<>() {};

  private final ObjectMapper mapper;

  PipelineJson(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  String pages(List<PageText> pages) {
    return write(pages);
  }

  List<PageText> pages(String json) {
    return read(json, PAGES);
  }

  /** The entities of a chunk that starts at {@code chunkStart}, stored relative to it. */
  String entities(List<Entity> entities, int chunkStart) {
    return write(shift(entities, -chunkStart));
  }

  /** Cached entities of a chunk, placed back at {@code chunkStart} in this document. */
  List<Entity> entities(String json, int chunkStart) {
    return shift(read(json, ENTITIES), chunkStart);
  }

  private static List<Entity> shift(List<Entity> entities, int by) {
    List<Entity> shifted = new ArrayList<>(entities.size());
    for (Entity e : entities) {
      shifted.add(new Entity(e.type(), e.text(), e.start() + by, e.end() + by, e.extractor()));
    }
    return shifted;
  }

  private String write(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stage results always serialize", e);
    }
  }

  private <T> T read(String json, TypeReference<T> type) {
    try {
      return mapper.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "unreadable cached stage result: " + e.getOriginalMessage(), e);
    }
  }
}
