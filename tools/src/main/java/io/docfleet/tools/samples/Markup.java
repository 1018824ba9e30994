package io.docfleet.tools.samples;

import java.util.ArrayList;
import java.util.List;

/**
 * The small markup the sample texts are written in, one block per paragraph or line: {@code # } a
 * centred bold title, {@code ## } a bold heading, {@code | } a line kept as written (captions,
 * addresses, signature blocks), {@code ---} a page break, a blank line ends a paragraph, and other
 * lines are joined into a paragraph that the layout wraps.
 */
final class Markup {
  private Markup() {}

  /** What a block is, which decides its font and placement. */
  enum Kind {
    TITLE,
    HEADING,
    LINE,
    PARAGRAPH,
    PAGE_BREAK
  }

  /** One laid-out unit of a sample text. */
  record Block(Kind kind, String text) {}

  static List<Block> parse(String source) {
    List<Block> blocks = new ArrayList<>();
    StringBuilder paragraph = new StringBuilder();
    for (String line : source.split("\n", -1)) {
      if (line.isBlank() || isMarked(line)) {
        endParagraph(paragraph, blocks);
      }
      if (line.startsWith("## ")) {
        blocks.add(new Block(Kind.HEADING, line.substring(3).strip()));
      } else if (line.startsWith("# ")) {
        blocks.add(new Block(Kind.TITLE, line.substring(2).strip()));
      } else if (line.startsWith("|")) {
        blocks.add(new Block(Kind.LINE, line.substring(1).stripLeading().stripTrailing()));
      } else if (line.equals("---")) {
        blocks.add(new Block(Kind.PAGE_BREAK, ""));
      } else if (!line.isBlank()) {
        paragraph.append(paragraph.isEmpty() ? "" : " ").append(line.strip());
      }
    }
    endParagraph(paragraph, blocks);
    return blocks;
  }

  /** The text without its markup: one block per paragraph, blank lines between, no page breaks. */
  static String plainText(String source) {
    StringBuilder text = new StringBuilder();
    for (Block block : parse(source)) {
      if (block.kind() != Kind.PAGE_BREAK && !block.text().isEmpty()) {
        text.append(block.text()).append(block.kind() == Kind.LINE ? "\n" : "\n\n");
      }
    }
    return text.toString();
  }

  private static boolean isMarked(String line) {
    return line.startsWith("#") || line.startsWith("|") || line.equals("---");
  }

  private static void endParagraph(StringBuilder paragraph, List<Block> blocks) {
    if (!paragraph.isEmpty()) {
      blocks.add(new Block(Kind.PARAGRAPH, paragraph.toString()));
      paragraph.setLength(0);
    }
  }
}
