package io.docfleet.worker.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.docfleet.document.Chunk;
import io.docfleet.document.Entity;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link EntityExtractor} does; one subclass per extractor supplies it. */
abstract class EntityExtractorContract {
  /** A document long enough for several chunks; the sample is in a later one. */
  static final String DOCUMENT =
      "Preliminary statement. ".repeat(40) + "\n\n" + LegalSamples.COMPLAINT;

  abstract EntityExtractor extractor();

  private Chunk chunkWithTheSample() {
    return new TextChunker(1200)
        .chunk(DOCUMENT).stream()
            .filter(c -> c.text().contains("Judge Jane Smith"))
            .findFirst()
            .orElseThrow();
  }

  @Test
  void namesItselfAndItsVersionForCacheKeys() {
    assertThat(extractor().name()).isIn("rules", "openai");
    assertThat(extractor().version()).isNotBlank().isEqualTo(extractor().version());
  }

  @Test
  void givesOffsetsInTheWholeDocument() throws Exception {
    Chunk chunk = chunkWithTheSample();
    assertThat(chunk.start()).isPositive();

    List<Entity> entities = extractor().extract(chunk);

    assertThat(entities)
        .isNotEmpty()
        .allSatisfy(e -> assertThat(DOCUMENT.substring(e.start(), e.end())).isEqualTo(e.text()));
    int judge = DOCUMENT.indexOf("Jane Smith;");
    int paid = DOCUMENT.indexOf("$1,250,000.00");
    assertThat(entities)
        .extracting(Entity::type, Entity::text, Entity::start)
        .contains(
            tuple("person", "Jane Smith", judge),
            tuple("money", "$1,250,000.00", paid),
            tuple("case_number", "CV-2023-001234", DOCUMENT.indexOf("CV-2023-001234")),
            tuple("statute", "42 U.S.C. § 1983", DOCUMENT.indexOf("42 U.S.C.")));
  }

  @Test
  void ordersEntitiesByOffsetWithoutOverlaps() throws Exception {
    List<Entity> entities = extractor().extract(chunkWithTheSample());

    assertThat(entities).isSortedAccordingTo(Comparator.comparingInt(Entity::start));
    for (int i = 1; i < entities.size(); i++) {
      assertThat(entities.get(i).start()).isGreaterThanOrEqualTo(entities.get(i - 1).end());
    }
    assertThat(entities).extracting(Entity::type).allMatch(EntityTypes.ALL::contains);
  }

  @Test
  void givesTheSameEntitiesForTheSameChunk() throws Exception {
    Chunk chunk = chunkWithTheSample();

    assertThat(extractor().extract(chunk)).isEqualTo(extractor().extract(chunk));
  }

  @Test
  void findsNothingInABlankChunk() throws Exception {
    assertThat(extractor().extract(new Chunk("0-e", 0, 0, 3, "sha", "   "))).isEmpty();
  }
}
