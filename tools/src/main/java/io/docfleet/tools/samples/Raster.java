package io.docfleet.tools.samples;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDPageContentStream.AppendMode;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.CCITTFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Turns laid-out pages into pictures of themselves, the way a scanner would: black and white, no
 * anti-aliasing (so the pixels are the same on every machine), then either an image-only PDF with
 * CCITT Group 4 pages (no text layer, no zlib) or a PNG of the first page.
 */
final class Raster {
  private Raster() {}

  static List<BufferedImage> render(PDDocument document, float dpi) throws IOException {
    PDFRenderer renderer = new PDFRenderer(document);
    List<BufferedImage> pages = new ArrayList<>();
    for (int i = 0; i < document.getNumberOfPages(); i++) {
      pages.add(renderer.renderImageWithDPI(i, dpi, ImageType.BINARY));
    }
    return pages;
  }

  /** Writes one Letter page per image, each image filling its page; returns the page count. */
  static int writeScannedPdf(List<BufferedImage> pages, Path file, String title)
      throws IOException {
    try (PDDocument scan = new PDDocument()) {
      for (BufferedImage image : pages) {
        PDPage page = new PDPage(PDRectangle.LETTER);
        scan.addPage(page);
        PDImageXObject picture = CCITTFactory.createFromImage(scan, image);
        try (PDPageContentStream content =
            new PDPageContentStream(scan, page, AppendMode.OVERWRITE, false)) {
          content.drawImage(
              picture, 0, 0, PDRectangle.LETTER.getWidth(), PDRectangle.LETTER.getHeight());
        }
      }
      FixedMetadata.apply(scan, file.getFileName().toString(), title);
      try (OutputStream out = Files.newOutputStream(file)) {
        scan.save(out, CompressParameters.NO_COMPRESSION);
      }
      return scan.getNumberOfPages();
    }
  }

  static void writePng(BufferedImage image, Path file) throws IOException {
    try (var out = Files.newOutputStream(file)) {
      if (!ImageIO.write(image, "png", out)) {
        throw new IOException("no PNG writer in this JVM");
      }
    }
  }
}
