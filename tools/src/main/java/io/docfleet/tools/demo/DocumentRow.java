package io.docfleet.tools.demo;

import io.docfleet.document.Entity;
import io.docfleet.document.PageText;
import io.docfleet.worker.extraction.EntityTypes;
import io.docfleet.worker.pipeline.BatchProgress;
import io.docfleet.worker.pipeline.DocumentBatch.Submitted;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One document of a demo round as its table row shows it: status (from {@code doc:state}), pages,
 * characters and entities by type (from PostgreSQL), the provider calls and cache hits it cost, and
 * the time from submission until it ended. A file the round did not submit (it needs tesseract,
 * which is not installed) is a row with the status {@code skipped}.
 */
record DocumentRow(
    String documentId,
    String file,
    String status,
    int pages,
    long characters,
    Map<String, Integer> entities,
    long providerCalls,
    long cacheHits,
    Duration time,
    String error) {

  static final String SKIPPED = "skipped";

  DocumentRow {
    entities = Map.copyOf(entities);
  }

  /** A file the round did not submit: reading it needs tesseract, which is not installed. */
  static DocumentRow skipped(Path file) {
    return new DocumentRow(
        "",
        file.getFileName().toString(),
        SKIPPED,
        0,
        0,
        Map.of(),
        0,
        0,
        Duration.ZERO,
        "needs OCR, and tesseract is not installed");
  }

  static DocumentRow of(
      Submitted document,
      Map<String, String> state,
      List<PageText> pages,
      List<Entity> found,
      Instant submittedAt) {
    Map<String, Integer> byType = new LinkedHashMap<>();
    for (Entity entity : found) {
      byType.merge(entity.type(), 1, Integer::sum);
    }
    long updated = BatchProgress.number(state, "updated_at");
    Duration time =
        updated == 0 ? Duration.ZERO : Duration.between(submittedAt, Instant.ofEpochMilli(updated));
    return new DocumentRow(
        document.documentId(),
        document.file().getFileName().toString(),
        state.getOrDefault("status", "not started"),
        pages.size(),
        pages.stream().mapToLong(p -> p.text().length()).sum(),
        byType,
        BatchProgress.number(state, "provider_calls"),
        BatchProgress.number(state, "cache_hits"),
        time.isNegative() ? Duration.ZERO : time,
        state.getOrDefault("error", ""));
  }

  boolean completed() {
    return status.equals("completed");
  }

  boolean skipped() {
    return status.equals(SKIPPED);
  }

  int entities(String type) {
    return entities.getOrDefault(type, 0);
  }

  int entityCount() {
    return entities.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** The entity types in table order. */
  static List<String> types() {
    return List.of(
        EntityTypes.PERSON,
        EntityTypes.ORGANIZATION,
        EntityTypes.COURT,
        EntityTypes.DATE,
        EntityTypes.MONEY,
        EntityTypes.CASE_NUMBER,
        EntityTypes.STATUTE,
        EntityTypes.EMAIL,
        EntityTypes.PHONE);
  }
}
