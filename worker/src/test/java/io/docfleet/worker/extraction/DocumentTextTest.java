package io.docfleet.worker.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.document.PageText;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentTextTest {
  @Test
  void joinsPagesInOrderWithABlankLineAndKnowsWhereEachStarts() {
    DocumentText document =
        DocumentText.of(
            List.of(
                new PageText(2, "second", "tesseract"), new PageText(1, "first", "text-layer")));

    assertThat(document.text()).isEqualTo("first\n\nsecond");
    assertThat(document.pageStarts()).containsExactly(0, 7);
    assertThat(document.pageAt(3)).isEqualTo(1);
    assertThat(document.pageAt(7)).isEqualTo(2);
  }
}
