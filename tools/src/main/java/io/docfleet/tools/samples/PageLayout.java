package io.docfleet.tools.samples;

import io.docfleet.tools.samples.Markup.Block;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDPageContentStream.AppendMode;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * Sets marked-up text on US Letter pages of a document: wraps paragraphs to the margins, starts a
 * new page when one is full or the text asks for it, and numbers the pages at the foot when told
 * to. Content streams stay uncompressed, so the bytes do not depend on the zlib of the machine.
 */
final class PageLayout {
  private static final float MARGIN = 72;
  private static final float TITLE_SCALE = 1.2f;
  private static final char GLUE = '\u0000';

  private final PDDocument document;
  private final Typeface type;
  private final boolean numberPages;
  private final List<String> keepTogether;
  private PDPageContentStream page;
  private int pageCount;
  private float y;

  private PageLayout(
      PDDocument document, Typeface type, boolean numberPages, List<String> keepTogether) {
    this.document = document;
    this.type = type;
    this.numberPages = numberPages;
    this.keepTogether = keepTogether;
  }

  /**
   * Adds pages holding {@code blocks} to {@code document}; no line breaks inside any of the {@code
   * keepTogether} phrases (the planted entities), so each stays on one line of the page.
   */
  static void write(
      PDDocument document,
      Typeface type,
      List<Block> blocks,
      boolean numberPages,
      List<String> keepTogether)
      throws IOException {
    PageLayout layout = new PageLayout(document, type, numberPages, keepTogether);
    layout.newPage();
    for (Block block : blocks) {
      layout.add(block);
    }
    layout.page.close();
  }

  private void add(Block block) throws IOException {
    switch (block.kind()) {
      case TITLE -> line(block.text(), type.bold(), type.size() * TITLE_SCALE, true);
      case HEADING -> {
        space(0.4f);
        line(block.text(), type.bold(), type.size(), false);
      }
      case LINE -> line(block.text(), type.regular(), type.size(), false);
      case PARAGRAPH -> {
        for (String wrapped : wrap(block.text())) {
          line(wrapped, type.regular(), type.size(), false);
        }
        space(0.5f);
      }
      case PAGE_BREAK -> {
        page.close();
        newPage();
      }
    }
  }

  private void line(String text, PDFont font, float size, boolean centred) throws IOException {
    float leading = type.leading() * size / type.size();
    if (y - leading < MARGIN) {
      page.close();
      newPage();
    }
    y -= leading;
    float width = PDRectangle.LETTER.getWidth() - 2 * MARGIN;
    float x = centred ? MARGIN + (width - type.width(font, text) * size / type.size()) / 2 : MARGIN;
    show(text, font, size, x, y);
  }

  private void space(float lines) {
    y -= type.leading() * lines;
  }

  private List<String> wrap(String paragraph) {
    float width = PDRectangle.LETTER.getWidth() - 2 * MARGIN;
    List<String> lines = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    String glued = paragraph;
    for (String phrase : keepTogether) {
      glued = glued.replace(phrase, phrase.replace(' ', GLUE));
    }
    for (String word : glued.split(" ")) {
      String candidate = current.isEmpty() ? word : current + " " + word;
      if (!current.isEmpty() && type.width(type.regular(), unglued(candidate)) > width) {
        lines.add(unglued(current.toString()));
        current.setLength(0);
        current.append(word);
      } else {
        current.setLength(0);
        current.append(candidate);
      }
    }
    lines.add(unglued(current.toString()));
    return lines;
  }

  private static String unglued(String text) {
    return text.replace(GLUE, ' ');
  }

  private void newPage() throws IOException {
    PDPage next = new PDPage(PDRectangle.LETTER);
    document.addPage(next);
    pageCount++;
    page = new PDPageContentStream(document, next, AppendMode.OVERWRITE, false);
    y = PDRectangle.LETTER.getHeight() - MARGIN;
    if (numberPages) {
      String number = "Page " + pageCount;
      float size = type.size() * 0.8f;
      float x = (PDRectangle.LETTER.getWidth() - type.width(type.regular(), number) * 0.8f) / 2;
      show(number, type.regular(), size, x, MARGIN / 2);
    }
  }

  private void show(String text, PDFont font, float size, float x, float baseline)
      throws IOException {
    if (text.isEmpty()) {
      return;
    }
    page.beginText();
    page.setFont(font, size);
    page.newLineAtOffset(x, baseline);
    page.showText(text);
    page.endText();
  }
}
