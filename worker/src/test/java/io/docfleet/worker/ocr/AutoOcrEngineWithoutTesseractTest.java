package io.docfleet.worker.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docfleet.document.PageText;
import io.docfleet.worker.provider.ProviderException;
import io.docfleet.worker.testing.TestDocuments;
import io.docfleet.worker.testing.TestDocuments.Page;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code OCR_ENGINE=auto} where tesseract is not installed and TESSERACT_PATH is unset: the worker
 * starts and reads text layers and text files; a scanned page or an image fails its document with
 * how to install tesseract. A TESSERACT_PATH that names a missing binary still stops start-up.
 */
class AutoOcrEngineWithoutTesseractTest {
  private static final TesseractSettings NOT_INSTALLED =
      new TesseractSettings("no-such-tesseract-binary", "eng", Duration.ofSeconds(5), false);

  @Test
  void theEngineStartsAndReadsTextLayersAndTextFiles() throws Exception {
    AutoOcrEngine engine = AutoOcrEngine.create(NOT_INSTALLED);

    assertThat(
            engine.recognize(
                OcrInput.of(
                    TestDocuments.textPdf("Page one of the contract", "Page two of the contract"))))
        .extracting(PageText::text)
        .containsExactly("Page one of the contract", "Page two of the contract");
    assertThat(engine.recognize(OcrInput.of("An email, as text.".getBytes(StandardCharsets.UTF_8))))
        .extracting(PageText::text)
        .containsExactly("An email, as text.");
    assertThat(engine.version()).contains("no-tesseract");
  }

  @Test
  void aScannedPageOrAnImageFailsItsDocumentSayingHowToInstallTesseract() throws Exception {
    AutoOcrEngine engine = AutoOcrEngine.create(NOT_INSTALLED);
    byte[] mixed = TestDocuments.pdf(Page.text("Cover page text"), Page.scanned("EXHIBIT B"));

    assertThatThrownBy(() -> engine.recognize(OcrInput.of(mixed)))
        .isInstanceOf(ProviderException.Permanent.class)
        .hasMessageContaining("page 2")
        .hasMessageContaining("tesseract is not installed")
        .hasMessageContaining("sudo apt-get install tesseract-ocr");
    assertThatThrownBy(() -> engine.recognize(OcrInput.of(TestDocuments.png("LETTER"))))
        .isInstanceOf(ProviderException.Permanent.class)
        .hasMessageContaining("PNG image")
        .hasMessageContaining("brew install tesseract");
  }

  @Test
  void whatNeedsTesseractIsAnImageOrAPdfWithAScannedPage() {
    assertThat(AutoOcrEngine.needsTesseract(TestDocuments.textPdf("Every page has a text layer")))
        .isFalse();
    assertThat(AutoOcrEngine.needsTesseract("plain".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(
            AutoOcrEngine.needsTesseract(
                TestDocuments.pdf(Page.text("Cover page text"), Page.scanned("EXHIBIT B"))))
        .isTrue();
    assertThat(AutoOcrEngine.needsTesseract(TestDocuments.png("LETTER"))).isTrue();
  }

  @Test
  void aTesseractPathThatNamesAMissingBinaryStillStopsStartUp() {
    TesseractSettings named =
        new TesseractSettings("/nonexistent/bin/tesseract", "eng", Duration.ofSeconds(5), true);

    assertThatThrownBy(() -> AutoOcrEngine.create(named))
        .isInstanceOf(ProviderException.Permanent.class)
        .hasMessageContaining("/nonexistent/bin/tesseract");
  }
}
