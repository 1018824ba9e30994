package io.docfleet.worker.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docfleet.document.PageText;
import io.docfleet.testing.SlowTest;
import io.docfleet.worker.provider.ProviderException;
import io.docfleet.worker.testing.TestDocuments;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@SlowTest
class TesseractEngineContractTest extends OcrEngineContract {
  private TesseractEngine engine;

  @BeforeEach
  void needsTesseract() {
    engine = new TesseractEngine(TesseractAvailability.require());
  }

  @Override
  OcrEngine engine() {
    return engine;
  }

  @Override
  String textPdfMethod() {
    return "tesseract";
  }

  @Test
  void readsAScannedPdf() throws Exception {
    byte[] pdf = TestDocuments.scannedPdf("SETTLEMENT AGREEMENT\nSigned in Boston");

    List<PageText> pages = engine.recognize(OcrInput.of(pdf));

    assertThat(pages).hasSize(1);
    assertThat(pages.get(0).text()).contains("SETTLEMENT AGREEMENT").contains("Boston");
  }

  @Test
  void readsAJpeg() throws Exception {
    List<PageText> pages = engine.recognize(OcrInput.of(TestDocuments.jpeg("QUARTERLY REPORT")));

    assertThat(pages.get(0).text()).contains("QUARTERLY REPORT");
  }

  @Test
  void versionNamesTesseractItsLanguageAndTheRendering() {
    assertThat(engine.version())
        .matches("tesseract-\\d+\\.\\d+\\.\\d+-eng\\+pdfbox-3\\.0\\.8-300dpi");
  }

  @Test
  void anUnreadableImageFailsForGood() {
    byte[] brokenPng = java.util.Arrays.copyOf(TestDocuments.png("TRUNCATED"), 40);

    assertThatThrownBy(() -> engine.recognize(OcrInput.of(brokenPng)))
        .isInstanceOf(ProviderException.Permanent.class)
        .hasMessageContaining("tesseract cannot read the image");
  }

  @Test
  void aMissingLanguageIsNamedAtStartUp() {
    TesseractSettings klingon = new TesseractSettings("tesseract", "tlh", Duration.ofSeconds(30));

    assertThatThrownBy(() -> TesseractEngine.create(klingon))
        .isInstanceOf(ProviderException.Permanent.class)
        .hasMessageContaining("language 'tlh' is not installed")
        .hasMessageContaining("eng");
  }
}
