package io.docfleet.worker.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.document.PageText;
import io.docfleet.worker.testing.TestDocuments;
import org.junit.jupiter.api.Test;

class PdfBoxEngineContractTest extends OcrEngineContract {
  private final PdfBoxEngine engine = new PdfBoxEngine();

  @Override
  OcrEngine engine() {
    return engine;
  }

  @Override
  String textPdfMethod() {
    return "text-layer";
  }

  @Override
  boolean readsImages() {
    return false;
  }

  @Test
  void readsTheTextLayerExactly() throws Exception {
    byte[] pdf = TestDocuments.textPdf("Case No. 1:23-cv-04567\nfiled on January 5, 2024");

    assertThat(engine.recognize(OcrInput.of(pdf)))
        .containsExactly(
            new PageText(1, "Case No. 1:23-cv-04567\nfiled on January 5, 2024", "text-layer"));
  }

  @Test
  void leavesAScannedPageBlank() throws Exception {
    byte[] pdf = TestDocuments.scannedPdf("NOT IN THE TEXT LAYER");

    assertThat(engine.recognize(OcrInput.of(pdf)))
        .containsExactly(new PageText(1, "", "text-layer"));
  }

  @Test
  void versionNamesPdfBox() {
    assertThat(engine.version()).isEqualTo("pdfbox-3.0.8");
  }
}
