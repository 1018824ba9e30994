package io.docfleet.worker.ocr;

import io.docfleet.worker.provider.ProviderException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.util.Version;

/** PDFBox at the edge: opening a PDF with clear failures, its text layer, its pages as images. */
final class PdfDocuments {
  /** Resolution for pages that go to OCR: Tesseract reads best at about 300 dpi. */
  static final int RENDER_DPI = 300;

  private PdfDocuments() {}

  /** Read once: PDFBox reads its version from a jar resource on every call. */
  private static final String VERSION = "pdfbox-" + Version.getVersion();

  /** {@code pdfbox-3.0.8}: the library's version, part of every PDF engine's version. */
  static String version() {
    return VERSION;
  }

  /**
   * Opens a PDF; a corrupt, encrypted or page-less PDF is a permanent failure of {@code engine}.
   */
  static PDDocument open(byte[] content, String engine) throws ProviderException {
    PDDocument document;
    try {
      document = Loader.loadPDF(content);
    } catch (InvalidPasswordException e) {
      throw ProviderException.permanent(engine, "the PDF is password-protected", e);
    } catch (IOException | RuntimeException e) {
      throw ProviderException.permanent(
          engine, "corrupt PDF, PDFBox cannot read it (" + e.getMessage() + ")", e);
    }
    if (document.getNumberOfPages() == 0) {
      close(document);
      throw ProviderException.permanent(engine, "the PDF has no pages");
    }
    return document;
  }

  /** The text layer of every page, in order, normalised; blank for a scanned page. */
  static List<String> textLayer(PDDocument document, String engine) throws ProviderException {
    List<String> pages = new ArrayList<>();
    try {
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setLineSeparator("\n");
      for (int page = 1; page <= document.getNumberOfPages(); page++) {
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        pages.add(PageTexts.normalize(stripper.getText(document)));
      }
    } catch (IOException | RuntimeException e) {
      throw ProviderException.permanent(
          engine, "corrupt PDF, its text cannot be read (" + e.getMessage() + ")", e);
    }
    return pages;
  }

  /**
   * One page (0-based) as a grey image at {@link #RENDER_DPI}. A page that would render to more
   * than {@code maxPixels} pixels is refused before any memory is taken for it: a permanent failure
   * naming the page, its pixels and the limit ({@code OCR_MAX_PAGE_PIXELS}).
   */
  static BufferedImage render(PDDocument document, int pageIndex, String engine, int maxPixels)
      throws ProviderException {
    try {
      PagePixels size = PagePixels.of(document.getPage(pageIndex), pageIndex, RENDER_DPI);
      if (size.count() > maxPixels) {
        throw ProviderException.permanent(engine, size.tooLarge(maxPixels));
      }
      return new PDFRenderer(document).renderImageWithDPI(pageIndex, RENDER_DPI, ImageType.GRAY);
    } catch (IOException | RuntimeException e) {
      throw ProviderException.permanent(
          engine,
          "corrupt PDF, page " + (pageIndex + 1) + " cannot be rendered (" + e.getMessage() + ")",
          e);
    }
  }

  /** One page (0-based) as a PDF of its own, for providers that read single pages. */
  static byte[] singlePage(PDDocument document, int pageIndex, String engine)
      throws ProviderException {
    try (PDDocument single = new PDDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      single.importPage(document.getPage(pageIndex));
      single.save(out);
      return out.toByteArray();
    } catch (IOException | RuntimeException e) {
      throw ProviderException.permanent(
          engine,
          "corrupt PDF, page " + (pageIndex + 1) + " cannot be copied (" + e.getMessage() + ")",
          e);
    }
  }

  static void close(PDDocument document) {
    try {
      document.close();
    } catch (IOException e) {
      // only in-memory buffers to release
    }
  }
}
