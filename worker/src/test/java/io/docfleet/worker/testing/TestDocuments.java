package io.docfleet.worker.testing;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/** Documents made in the test: PDFs with a text layer, scanned PDFs, images, text files. */
public final class TestDocuments {
  private TestDocuments() {}

  /** One page of a test PDF: lines of real text, or lines drawn into an image (a scan). */
  public record Page(String text, boolean scanned) {
    public static Page text(String text) {
      return new Page(text, false);
    }

    public static Page scanned(String text) {
      return new Page(text, true);
    }
  }

  /** A PDF whose pages carry these texts in their text layer. */
  public static byte[] textPdf(String... pages) {
    Page[] specs = new Page[pages.length];
    for (int i = 0; i < pages.length; i++) {
      specs[i] = Page.text(pages[i]);
    }
    return pdf(specs);
  }

  /** An image-only PDF: each page is a picture of its text, with no text layer. */
  public static byte[] scannedPdf(String... pages) {
    Page[] specs = new Page[pages.length];
    for (int i = 0; i < pages.length; i++) {
      specs[i] = Page.scanned(pages[i]);
    }
    return pdf(specs);
  }

  public static byte[] pdf(Page... pages) {
    try (PDDocument document = new PDDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      for (Page spec : pages) {
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
          if (spec.scanned()) {
            // A4 at 200 dpi, as an office scanner makes it.
            BufferedImage scan = picture(spec.text(), 1654, 2339, 44);
            PDImageXObject image = LosslessFactory.createFromImage(document, scan);
            content.drawImage(image, 0, 0, PDRectangle.A4.getWidth(), PDRectangle.A4.getHeight());
          } else {
            content.beginText();
            content.setFont(font, 14);
            content.setLeading(20);
            content.newLineAtOffset(72, 770);
            for (String line : spec.text().split("\n")) {
              content.showText(line);
              content.newLine();
            }
            content.endText();
          }
        }
      }
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A PDF of one blank page of {@code width} x {@code height} PDF units (1/72 inch) turned by
   * {@code rotation} degrees, with a crop box of {@code crop} when it is not null: no text layer,
   * so OCR engines render it.
   */
  public static byte[] blankPdf(float width, float height, int rotation, PDRectangle crop) {
    try (PDDocument document = new PDDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDPage page = new PDPage(new PDRectangle(width, height));
      page.setRotation(rotation);
      if (crop != null) {
        page.setCropBox(crop);
      }
      document.addPage(page);
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A PDF of one blank, upright page of {@code width} x {@code height} PDF units. */
  public static byte[] blankPdf(float width, float height) {
    return blankPdf(width, height, 0, null);
  }

  /** A PNG of the text, black on white, large enough for OCR. */
  public static byte[] png(String text) {
    return encode(picture(text, 1400, 120 + 80 * text.split("\n").length, 48), "png");
  }

  public static byte[] jpeg(String text) {
    BufferedImage gray = picture(text, 1400, 120 + 80 * text.split("\n").length, 48);
    BufferedImage rgb =
        new BufferedImage(gray.getWidth(), gray.getHeight(), BufferedImage.TYPE_INT_RGB);
    rgb.getGraphics().drawImage(gray, 0, 0, null);
    return encode(rgb, "jpg");
  }

  public static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Bytes that open like a PDF and then are not one. */
  public static byte[] corruptPdf() {
    return utf8("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ngarbage, no xref");
  }

  /** A ZIP file's first bytes: no type the engines read. */
  public static byte[] zip() {
    return new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, (byte) 0x9c, 0x1f, 0, 1, 2, (byte) 0xff};
  }

  private static BufferedImage picture(String text, int width, int height, int fontSize) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, fontSize));
    int y = 60 + fontSize;
    for (String line : text.split("\n")) {
      g.drawString(line, 60, y);
      y += fontSize * 3 / 2 + 10;
    }
    g.dispose();
    return image;
  }

  private static byte[] encode(BufferedImage image, String format) {
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      ImageIO.write(image, format, out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
