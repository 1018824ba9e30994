package io.docfleet.worker.ocr;

import java.util.regex.Pattern;

/** The one normalisation every engine applies to a page's text, so engines agree on layout. */
final class PageTexts {
  private static final Pattern TRAILING_SPACES = Pattern.compile("[ \\t]+\\n");

  private PageTexts() {}

  /** Unix line ends, no spaces before a line end, no blank lines at the ends of the page. */
  static String normalize(String text) {
    String unix = text.replace("\r\n", "\n").replace('\r', '\n');
    return TRAILING_SPACES.matcher(unix).replaceAll("\n").strip();
  }
}
