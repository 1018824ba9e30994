package io.docfleet.api.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docfleet.api.TestCoordinator;
import io.docfleet.document.Stage;
import io.docfleet.store.DocumentFile;
import io.docfleet.store.StatusChange;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /api/v1/cache/documents}: completed documents by the cache hits their runs had. */
class CacheDocumentsTest {
  @RegisterExtension static final TestCoordinator api = TestCoordinator.withEnv(Map.of());

  @BeforeEach
  void empty() {
    api.reset();
  }

  private void completed(String id, long calls, long hits) {
    var documents = api.context().store().documents();
    documents.registerNew(
        new DocumentFile(
            id, "s3://inbox/" + id, id + ".pdf", "application/pdf", 1, "0".repeat(64)));
    documents.changeStatus(id, StatusChange.processing(Stage.OCR, 1));
    documents.changeStatus(id, StatusChange.processing(Stage.ENTITIES, 1));
    documents.changeStatus(id, StatusChange.processing(Stage.STRUCTURED, 1));
    documents.changeStatus(id, StatusChange.completed());
    api.fleet()
        .redis()
        .getMap(api.fleet().keys().documentState(id))
        .putAll(Map.of("provider_calls", Long.toString(calls), "cache_hits", Long.toString(hits)));
  }

  @Test
  void theDocumentsWithTheMostCacheHitsComeFirst() {
    completed("few", 3, 1);
    completed("most", 0, 4);
    completed("none", 4, 0);
    completed("some", 1, 2);
    api.context()
        .store()
        .documents()
        .registerNew(
            new DocumentFile("queued", "s3://x/q", "q.pdf", "application/pdf", 1, "0".repeat(64)));

    JsonNode answer = api.get("/api/v1/cache/documents").json();

    assertThat(answer.get("among").asInt()).isEqualTo(4);
    JsonNode entries = answer.get("entries");
    assertThat(entries).hasSize(3);
    assertThat(entries.get(0).get("id").asText()).isEqualTo("most");
    assertThat(entries.get(0).get("name").asText()).isEqualTo("most.pdf");
    assertThat(entries.get(0).get("cacheHits").asLong()).isEqualTo(4);
    assertThat(entries.get(0).get("providerCalls").asLong()).isZero();
    assertThat(entries.get(1).get("id").asText()).isEqualTo("some");
    assertThat(entries.get(2).get("id").asText()).isEqualTo("few");
    assertThat(api.get("/api/v1/cache/documents?limit=1").json().get("entries")).hasSize(1);
    assertThat(api.get("/api/v1/cache/documents?limit=0").status()).isEqualTo(400);
    assertThat(api.get("/api/v1/cache/documents?limit=0").json().get("field").asText())
        .isEqualTo("limit");
  }
}
