package io.docfleet.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import io.docfleet.cache.ContentKey;
import io.docfleet.document.Chunk;
import io.docfleet.document.ContentHash;
import io.docfleet.document.Entity;
import io.docfleet.document.PageText;
import io.docfleet.testing.SlowTest;
import io.docfleet.testing.TestDatabase;
import io.docfleet.worker.extraction.DocumentFactsJson;
import io.docfleet.worker.extraction.DocumentText;
import io.docfleet.worker.extraction.RulesEntityExtractor;
import io.docfleet.worker.extraction.RulesStructuredExtractor;
import io.docfleet.worker.extraction.TextChunker;
import io.docfleet.worker.ocr.OcrInput;
import io.docfleet.worker.ocr.PdfBoxEngine;
import io.docfleet.worker.testing.TestDocuments;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.client.codec.StringCodec;

/**
 * A provider cache entry that its stage cannot read (not JSON, or JSON of another shape) is a miss
 * for the document that finds it: the engine is called once, the entry is written again, and the
 * document completes, rather than failing every attempt on the same entry until it expires. The
 * three stages read their entries three ways (one OCR lookup, a batch of chunk lookups, one
 * structured lookup checked against its schema), so each has a case.
 */
@SlowTest
class CorruptCacheEntryTest {
  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  private static final String CONTRACT =
      "SERVICES AGREEMENT between Acme Holdings, Inc. and Northwind Logistics LLC, made on"
          + " March 3, 2025. The fee is $1,250,000.00 payable to billing@acme.example.";
  private static final byte[] DOCUMENT = TestDocuments.utf8(CONTRACT);
  private static final Set<String> ENDED = Set.of("completed", "failed");
  private static final TypeReference<List<PageText>> PAGES = new TypeReference<>() {};
  private static final TypeReference<List<Entity>> ENTITIES = new TypeReference<>() {};

  @TempDir Path inbox;
  private PipelineFleet pipeline;

  @BeforeEach
  void setUp() {
    pipeline = new PipelineFleet(db.dataSource(), inbox);
  }

  @AfterEach
  void tearDown() {
    pipeline.assertNoDocumentIsStranded();
    pipeline.close();
  }

  @Test
  void anOcrEntryThatIsNotJsonIsAMissAndIsWrittenAgain() throws Exception {
    ContentKey key = PipelineCacheKeys.ocr(ContentHash.sha256(DOCUMENT), new PdfBoxEngine());
    corrupt(key, "[{\"number\": 1, \"text\": \"SERVICES AGREEM");

    runTheDocument();

    assertThat(pipeline.engines.ocrCalls).hasValue(1);
    List<PageText> cached = pipeline.fleet.codec().mapper().readValue(entry(key), PAGES);
    assertThat(cached).isEqualTo(pipeline.store.pages().pages("d-1"));
  }

  @Test
  void aChunkEntryOfTheWrongShapeIsAMissAndIsWrittenAgain() throws Exception {
    ContentKey key = PipelineCacheKeys.entities(theOnlyChunk(), new RulesEntityExtractor());
    corrupt(key, "{\"entities\": []}");

    runTheDocument();

    assertThat(pipeline.engines.entityCalls).hasValue(1);
    List<Entity> found = pipeline.store.entities().entities("d-1");
    assertThat(found).isNotEmpty();
    // the chunk starts the document, so its offsets are the document's
    List<Entity> cached = pipeline.fleet.codec().mapper().readValue(entry(key), ENTITIES);
    assertThat(cached).containsExactlyInAnyOrderElementsOf(found);
  }

  @Test
  void aStructuredEntryThatBreaksItsSchemaIsAMissAndIsWrittenAgain() throws Exception {
    ContentKey key =
        PipelineCacheKeys.structured(
            text(), new RulesStructuredExtractor(), new RulesEntityExtractor());
    corrupt(key, "{\"document_type\": 42}");

    runTheDocument();

    assertThat(pipeline.engines.structuredCalls).hasValue(1);
    assertThat(DocumentFactsJson.problems(entry(key))).isEmpty();
    assertThat(pipeline.store.structuredResults().latest("d-1", "rules")).isPresent();
  }

  /** Runs the document through the pipeline, retrying fast, and expects it to complete. */
  private void runTheDocument() throws Exception {
    pipeline.start(Map.of("RETRY_BACKOFF_BASE", "50ms", "RETRY_BACKOFF_MAX", "200ms"));
    pipeline.submitOcr("t-1", "d-1", pipeline.file("contract.txt", DOCUMENT));
    await()
        .atMost(PipelineFleet.WAIT)
        .until(() -> ENDED.contains(pipeline.state("d-1").getOrDefault("status", "")));
    assertThat(pipeline.state("d-1")).containsEntry("status", "completed");
  }

  /** Writes {@code value} as the entry of {@code key}, where the stage will look it up. */
  private void corrupt(ContentKey key, String value) {
    pipeline.redis().getBucket(entryName(key), StringCodec.INSTANCE).set(value);
  }

  private String entry(ContentKey key) {
    return pipeline.redis().<String>getBucket(entryName(key), StringCodec.INSTANCE).get();
  }

  private String entryName(ContentKey key) {
    return pipeline
        .keys()
        .cacheEntry(
            key.type().wireName(),
            key.sha256(),
            key.engine(),
            key.engineVersion(),
            key.settingsVersion());
  }

  /** The document's text, as the OCR stage will read it. */
  private static String text() throws Exception {
    return DocumentText.of(new PdfBoxEngine().recognize(OcrInput.of(DOCUMENT))).text();
  }

  private Chunk theOnlyChunk() throws Exception {
    List<Chunk> chunks = new TextChunker(400).chunk(text());
    assertThat(chunks).hasSize(1);
    return chunks.get(0);
  }
}
