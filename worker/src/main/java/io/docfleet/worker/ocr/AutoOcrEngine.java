package io.docfleet.worker.ocr;

import io.docfleet.document.PageText;
import io.docfleet.worker.provider.ProviderException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code OCR_ENGINE=auto}: a PDF's text layer where it has one; pages without one (scanned) are
 * rendered at 300 dpi grey and read by tesseract, unless one would render to more than {@code
 * OCR_MAX_PAGE_PIXELS} pixels, which fails the document for good; images go straight to tesseract.
 * Where tesseract is not installed (and {@code TESSERACT_PATH} is unset) it still reads text layers
 * and text files; a scanned page or an image then fails its document, saying how to install
 * tesseract.
 */
public final class AutoOcrEngine implements OcrEngine {
  private static final Logger log = LoggerFactory.getLogger(AutoOcrEngine.class);

  public static final String NAME = "auto";

  /** How to install tesseract, for messages. */
  public static final String INSTALL_TESSERACT =
      "sudo apt-get install tesseract-ocr (Debian, Ubuntu) or brew install tesseract (macOS)";

  /**
   * A page with fewer visible characters than this in its text layer counts as scanned: scanners
   * often stamp a page number or a Bates number as text on an image.
   */
  static final int MIN_TEXT_LAYER_CHARS = 8;

  private final Optional<TesseractCli> cli;
  private final int maxPagePixels;

  AutoOcrEngine(TesseractCli cli) {
    this(cli, OcrSettings.DEFAULT_MAX_PAGE_PIXELS);
  }

  AutoOcrEngine(TesseractCli cli, int maxPagePixels) {
    this(Optional.of(cli), maxPagePixels);
  }

  private AutoOcrEngine(Optional<TesseractCli> cli, int maxPagePixels) {
    this.cli = cli;
    this.maxPagePixels = maxPagePixels;
  }

  /**
   * An engine whose tesseract binary and languages were found, or, where tesseract is not on the
   * PATH and {@code TESSERACT_PATH} is unset, one that reads text layers only (said in one line).
   *
   * @throws ProviderException.Permanent naming what is missing
   */
  public static AutoOcrEngine create(TesseractSettings settings) throws ProviderException {
    return create(settings, OcrSettings.DEFAULT_MAX_PAGE_PIXELS);
  }

  /**
   * As {@link #create(TesseractSettings)}, rendering no page larger than {@code maxPagePixels}
   * pixels.
   *
   * @throws ProviderException.Permanent naming what is missing
   */
  public static AutoOcrEngine create(TesseractSettings settings, int maxPagePixels)
      throws ProviderException {
    if (runsWithoutTesseract(settings)) {
      log.warn(
          "tesseract is not installed: OCR_ENGINE=auto reads PDF text layers and text files, and"
              + " fails scanned pages and images; to read them install it ({}) and restart",
          INSTALL_TESSERACT);
      return new AutoOcrEngine(Optional.empty(), maxPagePixels);
    }
    return new AutoOcrEngine(Optional.of(TesseractCli.probe(settings)), maxPagePixels);
  }

  /** True when an auto engine with these settings reads text layers only: no tesseract here. */
  public static boolean runsWithoutTesseract(TesseractSettings settings) {
    return !settings.binarySet() && !settings.installed();
  }

  /**
   * True when reading {@code content} takes tesseract: an image, or a PDF with a page without a
   * text layer. Content the engines cannot read at all is not counted (its task says why).
   */
  public static boolean needsTesseract(byte[] content) {
    Optional<MediaType> type = MediaType.sniff(content);
    if (type.isEmpty() || type.get() == MediaType.PLAIN_TEXT) {
      return false;
    }
    if (type.get() != MediaType.PDF) {
      return true;
    }
    try {
      PDDocument document = PdfDocuments.open(content, NAME);
      try {
        return !PdfDocuments.textLayer(document, NAME).stream()
            .allMatch(AutoOcrEngine::hasTextLayer);
      } finally {
        PdfDocuments.close(document);
      }
    } catch (ProviderException e) {
      return false;
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String version() {
    return PdfDocuments.version()
        + "+"
        + cli.map(TesseractCli::version).orElse("no-tesseract")
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
      case PNG, JPEG, TIFF ->
          TesseractEngine.readImage(
              tesseract("a " + type.name() + " image"), input.content(), type);
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
                : TesseractEngine.readRendered(
                    tesseract("page " + (i + 1) + ", which has no text layer,"),
                    document,
                    i,
                    NAME,
                    maxPagePixels));
      }
      return pages;
    } finally {
      PdfDocuments.close(document);
    }
  }

  /** The tesseract program; without it, a permanent failure saying what needed it. */
  private TesseractCli tesseract(String what) throws ProviderException {
    if (cli.isEmpty()) {
      throw ProviderException.permanent(
          NAME,
          what
              + " needs OCR, and tesseract is not installed on this worker: install it ("
              + INSTALL_TESSERACT
              + ") and restart the worker");
    }
    return cli.get();
  }

  static boolean hasTextLayer(String text) {
    return text.codePoints().filter(c -> !Character.isWhitespace(c)).count()
        >= MIN_TEXT_LAYER_CHARS;
  }
}
