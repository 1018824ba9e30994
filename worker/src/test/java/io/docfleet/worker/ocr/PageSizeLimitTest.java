package io.docfleet.worker.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docfleet.config.ConfigException;
import io.docfleet.config.Env;
import io.docfleet.document.PageText;
import io.docfleet.worker.provider.ProviderException;
import io.docfleet.worker.testing.FakeTesseract;
import io.docfleet.worker.testing.TestDocuments;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code OCR_MAX_PAGE_PIXELS}: a PDF page is measured in pixels at the render resolution (its crop
 * box, its rotation) before it is rendered, and one over the limit fails for good saying so,
 * without being rendered or sent to tesseract. A stand-in tesseract counts what it is given.
 */
class PageSizeLimitTest {
  /**
   * 7200 x 7200 PDF units: 100 x 100 inches, 29999 x 29999 pixels at 300 dpi (PDFBox scales by 300
   * / 72 in float arithmetic, 4.1666665, and rounds down).
   */
  private static final byte[] HUGE = TestDocuments.blankPdf(7200, 7200);

  @TempDir Path folder;
  private FakeTesseract tesseract;

  @BeforeEach
  void setUp() {
    tesseract = FakeTesseract.in(folder);
  }

  private OcrEngine engine(String name, String... more) {
    Map<String, String> env =
        new java.util.HashMap<>(Map.of("OCR_ENGINE", name, "TESSERACT_PATH", tesseract.path()));
    for (int i = 0; i < more.length; i += 2) {
      env.put(more[i], more[i + 1]);
    }
    return OcrEngines.create(OcrSettings.fromEnv(new Env(env)));
  }

  private static PagePixels pixelsOf(byte[] pdf) throws Exception {
    try (PDDocument document = PdfDocuments.open(pdf, "test")) {
      PDPage page = document.getPage(0);
      return PagePixels.of(page, 0, PdfDocuments.RENDER_DPI);
    }
  }

  @Test
  void aPageIsMeasuredFromItsCropBoxAndRotationAsPdfBoxRendersIt() throws Exception {
    assertThat(pixelsOf(HUGE).count()).isEqualTo(29_999L * 29_999L);
    PagePixels a4 = pixelsOf(TestDocuments.blankPdf(595.27563f, 841.8898f));
    assertThat(List.of(a4.width(), a4.height())).containsExactly(2480, 3507);
    PagePixels turned = pixelsOf(TestDocuments.blankPdf(595.27563f, 841.8898f, 90, null));
    assertThat(List.of(turned.width(), turned.height())).containsExactly(3507, 2480);
    PagePixels cropped =
        pixelsOf(TestDocuments.blankPdf(7200, 7200, 0, new PDRectangle(0, 0, 720, 360)));
    assertThat(List.of(cropped.width(), cropped.height())).containsExactly(3000, 1500);

    try (PDDocument document = PdfDocuments.open(TestDocuments.blankPdf(300, 200, 270, null), "t");
        PDDocument rendered = PdfDocuments.open(TestDocuments.blankPdf(300, 200, 270, null), "t")) {
      PagePixels size = PagePixels.of(document.getPage(0), 0, PdfDocuments.RENDER_DPI);
      var image = PdfDocuments.render(rendered, 0, "t", Integer.MAX_VALUE);
      assertThat(List.of(size.width(), size.height()))
          .containsExactly(image.getWidth(), image.getHeight());
    }
  }

  @Test
  void aPageOverTheLimitFailsForGoodNamingItsPixelsAndTheVariableWithoutBeingRendered() {
    for (String name : List.of("auto", "tesseract")) {
      OcrEngine engine = engine(name);

      assertThatThrownBy(() -> engine.recognize(OcrInput.of(HUGE)))
          .as(name)
          .isInstanceOf(ProviderException.Permanent.class)
          .hasMessage(
              name
                  + ": page 1 is too large to render for OCR: 7200 x 7200 PDF units are 29999 x"
                  + " 29999 = 899940001 pixels at 300 dpi, over the limit of 40000000 pixels a"
                  + " page (OCR_MAX_PAGE_PIXELS)");
    }
    assertThat(tesseract.imagesRead()).isZero();
  }

  @Test
  void aPageExactlyAtTheLimitIsReadAndOneMorePixelIsNot() throws Exception {
    byte[] small = TestDocuments.blankPdf(72, 36); // 300 x 150 = 45000 pixels
    OcrEngine atLimit = engine("auto", "OCR_MAX_PAGE_PIXELS", "45000");
    OcrEngine under = engine("auto", "OCR_MAX_PAGE_PIXELS", "44999");

    assertThat(atLimit.recognize(OcrInput.of(small)))
        .containsExactly(new PageText(1, "fake page text", TesseractEngine.METHOD));
    assertThatThrownBy(() -> under.recognize(OcrInput.of(small)))
        .hasMessageContaining("300 x 150 = 45000 pixels")
        .hasMessageContaining("over the limit of 44999 pixels a page (OCR_MAX_PAGE_PIXELS)");
    assertThat(tesseract.imagesRead()).isOne();
  }

  @Test
  void theLimitHasANamedDefaultAndABadValueNamesTheVariable() {
    assertThat(OcrSettings.fromEnv(new Env(Map.of())).maxPagePixels())
        .isEqualTo(OcrSettings.DEFAULT_MAX_PAGE_PIXELS)
        .isEqualTo(40_000_000);
    assertThat(
            OcrSettings.fromEnv(new Env(Map.of("OCR_MAX_PAGE_PIXELS", "70000000"))).maxPagePixels())
        .isEqualTo(70_000_000);
    for (String bad : List.of("0", "-5", "40M", "3000000000")) {
      assertThatThrownBy(() -> OcrSettings.fromEnv(new Env(Map.of("OCR_MAX_PAGE_PIXELS", bad))))
          .as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessage("OCR_MAX_PAGE_PIXELS: expected a whole number above 0, got '" + bad + "'");
    }
  }
}
