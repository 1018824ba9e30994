package io.docfleet.worker.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.docfleet.document.Entity;
import io.docfleet.document.PageText;
import java.util.ArrayList;
import java.util.List;

/**
 * The cached forms of stage results: pages as they came from OCR, and a chunk's entities with
 * offsets relative to the chunk (the same chunk text sits at other offsets in other documents).
 * Reading is strict, since what it reads may be a corrupt cache entry: a value that is not JSON,
 * has more after it, is not a list of the record, or lacks one of its fields throws.
 */
final class PipelineJson {
  private final ObjectMapper mapper;
  private final ObjectReader pages;
  private final ObjectReader entities;

  PipelineJson(ObjectMapper mapper) {
    this.mapper = mapper;
    this.pages = strict(mapper, new TypeReference<List<PageText>>() {});
    this.entities = strict(mapper, new TypeReference<List<Entity>>() {});
  }

  String pages(List<PageText> pages) {
    return write(pages);
  }

  List<PageText> pages(String json) throws JsonProcessingException {
    return pages.readValue(json);
  }

  /** The entities of a chunk that starts at {@code chunkStart}, stored relative to it. */
  String entities(List<Entity> entities, int chunkStart) {
    return write(shift(entities, -chunkStart));
  }

  /** Cached entities of a chunk, with offsets relative to it: place them with {@link #shift}. */
  List<Entity> entities(String json) throws JsonProcessingException {
    return entities.readValue(json);
  }

  /** Entities with every offset moved by {@code by}. */
  static List<Entity> shift(List<Entity> entities, int by) {
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

  private static ObjectReader strict(ObjectMapper mapper, TypeReference<?> type) {
    return mapper
        .readerFor(type)
        .with(
            DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
            DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES,
            DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
  }
}
