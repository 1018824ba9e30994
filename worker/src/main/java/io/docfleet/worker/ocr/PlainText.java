package io.docfleet.worker.ocr;

import io.docfleet.document.PageText;
import io.docfleet.worker.provider.ProviderException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A text file passes through every engine unchanged, as one page read by method {@code plain}. */
final class PlainText {
  static final String METHOD = "plain";

  private PlainText() {}

  static List<PageText> pages(byte[] content, String engine) throws ProviderException {
    String text = new String(content, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    text = PageTexts.normalize(text);
    if (text.isEmpty()) {
      throw ProviderException.permanent(engine, "text file holds only whitespace: nothing to read");
    }
    return List.of(new PageText(1, text, METHOD));
  }
}
