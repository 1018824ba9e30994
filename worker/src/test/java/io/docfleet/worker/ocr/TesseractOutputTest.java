package io.docfleet.worker.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TesseractOutputTest {
  @Test
  void readsTheVersionAndTheLanguages() {
    assertThat(TesseractOutput.parseVersion("tesseract 5.3.0\n leptonica-1.82.0\n"))
        .isEqualTo("5.3.0");
    assertThat(TesseractOutput.parseVersion("tesseract v4.1.1-rc2\n")).isEqualTo("4.1.1-rc2");
    assertThat(
            TesseractOutput.parseLanguages(
                "List of available languages in \"/usr/share/tesseract-ocr/5/tessdata/\" (2):\neng\nosd\n"))
        .containsExactly("eng", "osd");
  }

  @Test
  void splitsPagesAtFormFeeds() {
    assertThat(TesseractOutput.splitPages("one\n\fTwo  \nlines\n\f"))
        .containsExactly("one", "Two\nlines");
    assertThat(TesseractOutput.splitPages("only page\n")).containsExactly("only page");
  }
}
