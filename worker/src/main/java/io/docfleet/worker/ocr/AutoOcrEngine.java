package io.docfleet.worker.ocr;

import io.docfleet.document.PageText;
import io.docfleet.worker.provider.ProviderException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * {@code OCR_ENGINE=auto}: a PDF's text layer where it has one; pages without one (scanned) are
 * rendered at 300 dpi grey and read by tesseract, unless one would render to more than {@code
 * OCR_MAX_PAGE_PIXELS} pixels, which fails the document for good; images go straight to tesseract.
 */
public final class AutoOcrEngine implements OcrEngine {
  public static final String NAME = "auto";

  /**
   * A page with fewer visible characters than this in its text layer counts as scanned: scanners
   * often stamp a page number or a Bates number as text on an image.
   */
  static final int MIN_TEXT_LAYER_CHARS = 8;

  private final TesseractCli cli;
  private final int maxPagePixels;

  AutoOcrEngine(TesseractCli cli) {
    this(cli, OcrSettings.DEFAULT_MAX_PAGE_PIXELS);
  }

  AutoOcrEngine(TesseractCli cli, int maxPagePixels) {
    this.cli = cli;
    this.maxPagePixels = maxPagePixels;
  }

  /**
   * An engine whose tesseract binary and languages were found.
   *
   * @throws ProviderException.Permanent naming what is missing
   */
  public static AutoOcrEngine create(TesseractSettings settings) throws ProviderException {
    return create(settings, OcrSettings.DEFAULT_MAX_PAGE_PIXELS);
  }

  /**
   * An engine whose tesseract binary and languages were found, rendering no page larger than {@code
   * maxPagePixels} pixels.
   *
   * @throws ProviderException.Permanent naming what is missing
   */
  public static AutoOcrEngine create(TesseractSettings settings, int maxPagePixels)
      throws ProviderException {
    return new AutoOcrEngine(TesseractCli.probe(settings), maxPagePixels);
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
                : TesseractEngine.readRendered(cli, document, i, NAME, maxPagePixels));
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
