package io.docfleet.tools.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.docfleet.document.Chunk;
import io.docfleet.document.Entity;
import io.docfleet.store.DocumentRecord;
import io.docfleet.testing.SlowTest;
import io.docfleet.testing.TestDatabase;
import io.docfleet.worker.extraction.DocumentText;
import io.docfleet.worker.extraction.TextChunker;
import io.docfleet.worker.ocr.AutoOcrEngine;
import io.docfleet.worker.ocr.TesseractSettings;
import io.docfleet.worker.pipeline.PipelineFleet;
import io.docfleet.worker.provider.ProviderException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole {@code samples/} corpus through the fleet (worker, claim loop, three stages) with the
 * local engines: PDFBox for text layers, tesseract for the scanned PDF and the picture, the rules
 * extractors. Every document completes with its rows and its {@code doc:state}; the entities the
 * catalog plants are found where they stand in the text; the same files again, as new documents,
 * cost no provider call.
 */
@SlowTest
class SampleCorpusPipelineTest {
  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  /** The least share of planted entities of each type the rules extractor must find. */
  private static final double MIN_RECALL_PER_TYPE = 0.9;

  /** The least share of all planted entities it must find. */
  private static final double MIN_RECALL = 0.95;

  @TempDir Path inbox;
  private PipelineFleet pipeline;

  @BeforeEach
  void setUp() throws IOException {
    AutoOcrEngine ocr;
    try {
      ocr = AutoOcrEngine.create(TesseractSettings.defaults());
    } catch (ProviderException e) {
      assumeTrue(
          false,
          "the corpus has a scanned PDF and a picture, which need the tesseract binary: install"
              + " it (apt-get install tesseract-ocr tesseract-ocr-eng) to run this test ("
              + e.getMessage()
              + ")");
      return;
    }
    Path samples = samplesFolder();
    for (Sample sample : SampleCatalog.all()) {
      Files.copy(samples.resolve(sample.fileName()), inbox.resolve(sample.fileName()));
    }
    pipeline =
        new PipelineFleet(db.dataSource(), inbox)
            .ocr(ocr)
            .chunkChars(TextChunker.DEFAULT_MAX_CHARS)
            .start(Map.of());
  }

  @AfterEach
  void tearDown() {
    if (pipeline != null) {
      pipeline.assertNoDocumentIsStranded();
      pipeline.close();
    }
  }

  @Test
  void everySampleCompletesWithItsEntitiesFoundAndARerunCostsNoProviderCall() throws IOException {
    submitEverySample("first-");
    PlantedEntities.Recall recall = PlantedEntities.Recall.empty();
    for (Sample sample : SampleCatalog.all()) {
      String documentId = "first-" + sample.fileName();
      pipeline.awaitStatus(documentId, "completed");
      assertTheRunLeftItsRowsAndState(sample, documentId);
      String text = DocumentText.of(pipeline.store.pages().pages(documentId)).text();
      List<Entity> entities = pipeline.store.entities().entities(documentId);
      assertThat(entities)
          .as("%s: each entity is the text at its offsets", sample.fileName())
          .isNotEmpty()
          .allSatisfy(e -> assertThat(text.substring(e.start(), e.end())).isEqualTo(e.text()));
      PlantedEntities.check(sample, text, entities, recall);
    }
    System.out.println("rules extractor recall on samples/:\n" + recall.report());
    for (EntityType type : EntityType.values()) {
      assertThat(recall.of(type))
          .as(type + " recall\n" + recall.report())
          .isGreaterThanOrEqualTo(MIN_RECALL_PER_TYPE);
    }
    assertThat(recall.overall()).as(recall.report()).isGreaterThanOrEqualTo(MIN_RECALL);

    int ocrCalls = pipeline.engines.ocrCalls.get();
    int entityCalls = pipeline.engines.entityCalls.get();
    int structuredCalls = pipeline.engines.structuredCalls.get();
    assertThat(ocrCalls).isEqualTo(SampleCatalog.all().size());
    submitEverySample("again-");
    for (Sample sample : SampleCatalog.all()) {
      String documentId = "again-" + sample.fileName();
      pipeline.awaitStatus(documentId, "completed");
      assertThat(pipeline.state(documentId))
          .as(documentId)
          .containsEntry("provider_calls", "0")
          .hasEntrySatisfying("cache_hits", hits -> assertThat(Long.parseLong(hits)).isPositive());
      assertThat(pipeline.store.entities().entities(documentId))
          .hasSameSizeAs(pipeline.store.entities().entities("first-" + sample.fileName()));
    }
    assertThat(pipeline.engines.ocrCalls).hasValue(ocrCalls);
    assertThat(pipeline.engines.entityCalls).hasValue(entityCalls);
    assertThat(pipeline.engines.structuredCalls).hasValue(structuredCalls);
  }

  private void submitEverySample(String prefix) {
    for (Sample sample : SampleCatalog.all()) {
      pipeline.submitOcr(
          prefix + "t-" + sample.fileName(),
          prefix + sample.fileName(),
          inbox.resolve(sample.fileName()));
    }
  }

  private void assertTheRunLeftItsRowsAndState(Sample sample, String documentId)
      throws IOException {
    DocumentRecord record = pipeline.store.documents().find(documentId).orElseThrow();
    assertThat(record.status().wireName()).isEqualTo("completed");
    assertThat(record.error()).isEmpty();
    assertThat(record.file().sizeBytes()).isEqualTo(Files.size(inbox.resolve(sample.fileName())));
    assertThat(pipeline.store.pages().pages(documentId))
        .as("pages of %s", sample.fileName())
        .hasSize(pages(sample));
    String text = DocumentText.of(pipeline.store.pages().pages(documentId)).text();
    List<Chunk> chunks = pipeline.store.chunks().chunks(documentId);
    assertThat(chunks).isNotEmpty();
    assertThat(chunks.get(0).start()).isZero();
    assertThat(chunks.get(chunks.size() - 1).end()).isEqualTo(text.length());
    assertThat(pipeline.store.structuredResults().latest(documentId, "rules"))
        .as("structured result of %s", sample.fileName())
        .isPresent();

    Map<String, String> state = pipeline.state(documentId);
    assertThat(state)
        .as("doc:state of %s", sample.fileName())
        .containsEntry("status", "completed")
        .containsEntry("stage", "structured")
        .containsEntry("ocr_status", "done")
        .containsEntry("entities_status", "done")
        .containsEntry("structured_status", "done")
        .containsEntry("progress", "100")
        .containsEntry("error", "")
        .containsKeys("ocr_timestamp", "updated_at", "provider_calls", "cache_hits");
    assertThat(Long.parseLong(state.get("updated_at")))
        .isGreaterThanOrEqualTo(Long.parseLong(state.get("ocr_timestamp")));
  }

  private static int pages(Sample sample) throws IOException {
    if (!sample.fileName().endsWith(".pdf")) {
      return 1;
    }
    try (PDDocument pdf = Loader.loadPDF(samplesFolder().resolve(sample.fileName()).toFile())) {
      return pdf.getNumberOfPages();
    }
  }

  private static Path samplesFolder() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("samples/MANIFEST.md"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("a samples/MANIFEST.md above the working folder").isNotNull();
    return dir.resolve("samples");
  }
}
