package io.docfleet.tools.samples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Sets marked-up text ({@link Markup}) as a PDF with a text layer, the way the sample corpus's text
 * PDFs are set: Times, numbered US Letter pages, uncompressed content, fixed metadata. The same
 * input gives the same bytes, so generated corpora (the pipeline benchmark's) hold exact duplicates
 * where they mean to.
 */
public final class TextPdf {
  private static final float FONT_SIZE = 11;
  private static final float LINE_SPACING = 1.35f;

  private TextPdf() {}

  /** The PDF of {@code markup}, named {@code fileName} in its metadata (the ID derives from it). */
  public static byte[] of(String markup, String fileName, String title) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(markup, fileName, title, FONT_SIZE, LINE_SPACING, List.of(), out);
    return out.toByteArray();
  }

  static int write(
      String markup,
      String fileName,
      String title,
      float fontSize,
      float lineSpacing,
      List<String> keepTogether,
      OutputStream out)
      throws IOException {
    try (PDDocument document = new PDDocument()) {
      PageLayout.write(
          document,
          Typeface.times(fontSize, lineSpacing),
          Markup.parse(markup),
          true,
          keepTogether);
      FixedMetadata.apply(document, fileName, title);
      document.save(out, CompressParameters.NO_COMPRESSION);
      return document.getNumberOfPages();
    }
  }
}
