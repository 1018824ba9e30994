package io.docfleet.store;

import io.docfleet.document.PageText;
import java.util.List;

/** The text of each page, as the OCR stage found it. */
public interface PageStore {
  /**
   * Makes {@code pages} the document's page set: new and changed pages are written, pages no longer
   * in the set removed, unchanged ones left alone. Returns the rows written (0 on a rerun).
   */
  int savePages(String documentId, List<PageText> pages);

  /** The document's pages in page order. */
  List<PageText> pages(String documentId);
}
