package io.docfleet.worker.ocr;

import io.docfleet.document.PageText;
import io.docfleet.worker.provider.ProviderException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * {@code OCR_ENGINE=auto}: a PDF's text layer where it has one; pages without one (scanned) are
 * rendered at 300 dpi grey and read by tesseract; images go straight to tesseract.
 */
public final class AutoOcrEngine implements OcrEngine {
  public static final String NAME = "auto";

  /**
   * A page with fewer visible characters than this in its text layer counts as scanned: scanners
   * often stamp a page number or a Bates number as text on an image.
   */
  static final int MIN_TEXT_LAYER_CHARS = 8;

  private final TesseractCli cli;

  AutoOcrEngine(TesseractCli cli) {
    this.cli = cli;
  }

  /**
   * An engine whose tesseract binary and languages were found.
   *
   * @throws ProviderException.Permanent naming what is missing
   */
  public static AutoOcrEngine create(TesseractSettings settings) throws ProviderException {
    return new AutoOcrEngine(TesseractCli.probe(settings));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String version() {
    return PdfDocuments.version()
        + "+"
        + cli.version()
        + "-"
        + PdfDocuments.RENDER_DPI
        + "dpi-min"
        + MIN_TEXT_LAYER_CHARS;
  }

  @Override
  public List<PageText> recognize(OcrInput input) throws ProviderException {
    MediaType type = MediaType.detect(input.content(), NAME);
    return switch (type) {
      case PLAIN_TEXT -> PlainText.pages(input.content(), NAME);
      case PNG, JPEG, TIFF -> TesseractEngine.readImage(cli, input.content(), type);
      case PDF -> textLayerOrOcr(input.content());
    };
  }

  private List<PageText> textLayerOrOcr(byte[] content) throws ProviderException {
    PDDocument document = PdfDocuments.open(content, NAME);
    try {
      List<String> layer = PdfDocuments.textLayer(document, NAME);
      List<PageText> pages = new ArrayList<>();
      for (int i = 0; i < layer.size(); i++) {
        String text = layer.get(i);
        pages.add(
            hasTextLayer(text)
                ? new PageText(i + 1, text, PdfBoxEngine.METHOD)
                : TesseractEngine.readRendered(cli, document, i, NAME));
      }
      return pages;
    } finally {
      PdfDocuments.close(document);
    }
  }

  static boolean hasTextLayer(String text) {
    return text.codePoints().filter(c -> !Character.isWhitespace(c)).count()
        >= MIN_TEXT_LAYER_CHARS;
  }
}
