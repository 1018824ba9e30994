package io.docfleet.worker.ocr;

import io.docfleet.document.PageText;
import io.docfleet.worker.provider.ProviderException;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * {@code OCR_ENGINE=tesseract}: images go straight to tesseract; every page of a PDF is rendered at
 * 300 dpi grey and read by tesseract, text layer or not. A page that would render to more than
 * {@code OCR_MAX_PAGE_PIXELS} pixels fails the document for good, before it is rendered.
 */
public final class TesseractEngine implements OcrEngine {
  public static final String NAME = "tesseract";
  static final String METHOD = "tesseract";

  private final TesseractCli cli;
  private final int maxPagePixels;

  TesseractEngine(TesseractCli cli) {
    this(cli, OcrSettings.DEFAULT_MAX_PAGE_PIXELS);
  }

  TesseractEngine(TesseractCli cli, int maxPagePixels) {
    this.cli = cli;
    this.maxPagePixels = maxPagePixels;
  }

  /**
   * An engine whose binary and languages were found.
   *
   * @throws ProviderException.Permanent naming what is missing
   */
  public static TesseractEngine create(TesseractSettings settings) throws ProviderException {
    return create(settings, OcrSettings.DEFAULT_MAX_PAGE_PIXELS);
  }

  /**
   * An engine whose binary and languages were found, rendering no page larger than {@code
   * maxPagePixels} pixels.
   *
   * @throws ProviderException.Permanent naming what is missing
   */
  public static TesseractEngine create(TesseractSettings settings, int maxPagePixels)
      throws ProviderException {
    return new TesseractEngine(TesseractCli.probe(settings), maxPagePixels);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String version() {
    return cli.version() + "+" + PdfDocuments.version() + "-" + PdfDocuments.RENDER_DPI + "dpi";
  }

  @Override
  public List<PageText> recognize(OcrInput input) throws ProviderException {
    MediaType type = MediaType.detect(input.content(), NAME);
    return switch (type) {
      case PLAIN_TEXT -> PlainText.pages(input.content(), NAME);
      case PNG, JPEG, TIFF -> readImage(cli, input.content(), type);
      case PDF -> readEveryPage(input.content());
    };
  }

  static List<PageText> readImage(TesseractCli cli, byte[] content, MediaType type)
      throws ProviderException {
    List<String> texts = cli.readImage(content, type);
    List<PageText> pages = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      pages.add(new PageText(i + 1, texts.get(i), METHOD));
    }
    return pages;
  }

  /** Renders one page (0-based), unless it is over {@code maxPixels}, and reads it. */
  static PageText readRendered(
      TesseractCli cli, PDDocument document, int pageIndex, String engine, int maxPixels)
      throws ProviderException {
    BufferedImage page = PdfDocuments.render(document, pageIndex, engine, maxPixels);
    String text = cli.readGrayPage(page, PdfDocuments.RENDER_DPI);
    return new PageText(pageIndex + 1, text, METHOD);
  }

  private List<PageText> readEveryPage(byte[] content) throws ProviderException {
    PDDocument document = PdfDocuments.open(content, NAME);
    try {
      List<PageText> pages = new ArrayList<>();
      for (int i = 0; i < document.getNumberOfPages(); i++) {
        pages.add(readRendered(cli, document, i, NAME, maxPagePixels));
      }
      return pages;
    } finally {
      PdfDocuments.close(document);
    }
  }
}
