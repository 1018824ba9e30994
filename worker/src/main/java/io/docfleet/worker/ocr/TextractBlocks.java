package io.docfleet.worker.ocr;

import io.docfleet.document.PageText;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import software.amazon.awssdk.services.textract.model.Block;
import software.amazon.awssdk.services.textract.model.BlockType;

/** Textract's LINE blocks become page text: one line each, grouped by their Page number. */
final class TextractBlocks {
  private TextractBlocks() {}

  /**
   * Pages 1 to the larger of {@code pageCount} and the highest page a line is on; a page without
   * lines is blank. Lines keep Textract's order (its reading order).
   */
  static List<PageText> pages(List<Block> blocks, int pageCount) {
    TreeMap<Integer, StringBuilder> lines = new TreeMap<>();
    for (Block block : blocks) {
      if (block.blockType() == BlockType.LINE && block.text() != null) {
        int page = block.page() == null ? 1 : block.page();
        lines.computeIfAbsent(page, p -> new StringBuilder()).append(block.text()).append('\n');
      }
    }
    int last = Math.max(Math.max(pageCount, 1), lines.isEmpty() ? 0 : lines.lastKey());
    List<PageText> pages = new ArrayList<>();
    for (int page = 1; page <= last; page++) {
      StringBuilder text = lines.get(page);
      pages.add(
          new PageText(
              page,
              text == null ? "" : PageTexts.normalize(text.toString()),
              TextractEngine.METHOD));
    }
    return pages;
  }
}
