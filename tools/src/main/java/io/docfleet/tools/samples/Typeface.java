package io.docfleet.tools.samples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName;

/**
 * The fonts and spacing a sample is set in. Text PDFs use the standard 14 fonts (nothing embedded,
 * so the bytes do not depend on the fonts of the machine); images are drawn with Liberation Sans
 * from inside the PDFBox jar, so a rendered page looks the same everywhere too.
 */
record Typeface(PDFont regular, PDFont bold, float size, float leading) {
  private static final String LIBERATION_SANS =
      "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

  static Typeface times(float size, float lineSpacing) {
    return new Typeface(
        new PDType1Font(FontName.TIMES_ROMAN),
        new PDType1Font(FontName.TIMES_BOLD),
        size,
        size * lineSpacing);
  }

  static Typeface helvetica(float size, float lineSpacing) {
    return new Typeface(
        new PDType1Font(FontName.HELVETICA),
        new PDType1Font(FontName.HELVETICA_BOLD),
        size,
        size * lineSpacing);
  }

  /** Liberation Sans embedded in {@code document}; the document is only rendered, never saved. */
  static Typeface liberationSans(PDDocument document, float size, float lineSpacing) {
    try (InputStream in = Typeface.class.getResourceAsStream(LIBERATION_SANS)) {
      if (in == null) {
        throw new IllegalStateException("PDFBox no longer ships " + LIBERATION_SANS);
      }
      TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(in));
      PDFont embedded = PDType0Font.load(document, font, false);
      return new Typeface(embedded, embedded, size, size * lineSpacing);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  float width(PDFont font, String text) {
    try {
      return font.getStringWidth(text) / 1000f * size;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
