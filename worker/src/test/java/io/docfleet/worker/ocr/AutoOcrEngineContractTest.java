package io.docfleet.worker.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.document.PageText;
import io.docfleet.worker.testing.TestDocuments;
import io.docfleet.worker.testing.TestDocuments.Page;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AutoOcrEngineContractTest extends OcrEngineContract {
  private AutoOcrEngine engine;

  @BeforeEach
  void needsTesseract() {
    engine = new AutoOcrEngine(TesseractAvailability.require());
  }

  @Override
  OcrEngine engine() {
    return engine;
  }

  @Override
  String textPdfMethod() {
    return "text-layer";
  }

  @Test
  void readsTheTextLayerAndSendsOnlyScannedPagesToTesseract() throws Exception {
    byte[] pdf =
        TestDocuments.pdf(
            Page.text("Page one has a text layer"),
            Page.scanned("EXHIBIT B\nWire transfer receipt"),
            Page.text("Page three has one too"));

    List<PageText> pages = engine.recognize(OcrInput.of(pdf));

    assertThat(pages)
        .extracting(PageText::method)
        .containsExactly("text-layer", "tesseract", "text-layer");
    assertThat(pages.get(0).text()).isEqualTo("Page one has a text layer");
    assertThat(pages.get(1).text()).contains("EXHIBIT B").contains("Wire transfer receipt");
    assertThat(pages.get(2).text()).isEqualTo("Page three has one too");
  }

  @Test
  void aPageWithOnlyAStampedNumberCountsAsScanned() {
    assertThat(AutoOcrEngine.hasTextLayer("  - 12 -  ")).isFalse();
    assertThat(AutoOcrEngine.hasTextLayer("Signed by the parties")).isTrue();
  }
}
