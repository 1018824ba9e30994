package io.docfleet.worker.extraction;

import io.docfleet.document.Entity;
import java.util.Comparator;
import java.util.List;

/** A whole document's text and the entities found in it (offsets into that text). */
public record StructuredInput(String text, List<Entity> entities) {
  public StructuredInput {
    entities =
        entities.stream()
            .sorted(Comparator.comparingInt(Entity::start).thenComparingInt(Entity::end))
            .toList();
  }

  /** The entities of one type, in order. */
  List<Entity> ofType(String type) {
    return entities.stream().filter(e -> e.type().equals(type)).toList();
  }
}
