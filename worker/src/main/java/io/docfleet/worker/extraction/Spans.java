package io.docfleet.worker.extraction;

import io.docfleet.document.Chunk;
import io.docfleet.document.Entity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Overlapping candidate entities, resolved the same way every time: the longest span wins, then the
 * more specific type, then the earlier start; the survivors are ordered by offset.
 */
final class Spans {
  /** A candidate entity in chunk-local offsets. */
  record Span(String type, int start, int end) {
    int length() {
      return end - start;
    }

    boolean overlaps(Span other) {
      return start < other.end && other.start < end;
    }
  }

  private Spans() {}

  /** The spans of a chunk as entities with offsets in the whole document. */
  static List<Entity> toEntities(Chunk chunk, List<Span> spans, String extractor) {
    return spans.stream()
        .map(
            s ->
                new Entity(
                    s.type(),
                    chunk.text().substring(s.start(), s.end()),
                    chunk.start() + s.start(),
                    chunk.start() + s.end(),
                    extractor))
        .toList();
  }

  static List<Span> resolve(List<Span> candidates) {
    List<Span> ordered = new ArrayList<>(candidates);
    ordered.sort(
        Comparator.comparingInt(Span::length)
            .reversed()
            .thenComparingInt(s -> EntityTypes.priority(s.type()))
            .thenComparingInt(Span::start));
    List<Span> kept = new ArrayList<>();
    for (Span candidate : ordered) {
      if (kept.stream().noneMatch(candidate::overlaps)) {
        kept.add(candidate);
      }
    }
    kept.sort(Comparator.comparingInt(Span::start).thenComparingInt(Span::end));
    return kept;
  }
}
