package io.docfleet.worker.extraction;

import io.docfleet.document.PageText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A document's whole text, the one that chunk and entity offsets point into: its pages in order,
 * joined by a blank line, with the offset where each page starts.
 */
public record DocumentText(String text, List<Integer> pageStarts) {
  public static final String PAGE_SEPARATOR = "\n\n";

  public DocumentText {
    pageStarts = List.copyOf(pageStarts);
  }

  public static DocumentText of(List<PageText> pages) {
    List<PageText> ordered =
        pages.stream().sorted(Comparator.comparingInt(PageText::number)).toList();
    StringBuilder text = new StringBuilder();
    List<Integer> starts = new ArrayList<>();
    for (PageText page : ordered) {
      if (!starts.isEmpty()) {
        text.append(PAGE_SEPARATOR);
      }
      starts.add(text.length());
      text.append(page.text());
    }
    return new DocumentText(text.toString(), starts);
  }

  /** The page number (1-based, in page order) holding {@code offset}. */
  public int pageAt(int offset) {
    int page = 1;
    for (int i = 0; i < pageStarts.size(); i++) {
      if (pageStarts.get(i) <= offset) {
        page = i + 1;
      }
    }
    return page;
  }
}
