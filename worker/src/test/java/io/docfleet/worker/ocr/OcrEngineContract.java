package io.docfleet.worker.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docfleet.document.PageText;
import io.docfleet.worker.provider.ProviderException;
import io.docfleet.worker.testing.TestDocuments;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link OcrEngine} does; one subclass per engine supplies it. */
abstract class OcrEngineContract {

  abstract OcrEngine engine();

  /** How this engine reads a PDF that has a text layer. */
  abstract String textPdfMethod();

  /** False for an engine that refuses images (pdfbox). */
  boolean readsImages() {
    return true;
  }

  @Test
  void namesItselfAndItsVersionForCacheKeys() {
    assertThat(engine().name()).isNotBlank().matches("[a-z]+");
    assertThat(engine().version()).isNotBlank().isEqualTo(engine().version());
  }

  @Test
  void readsEveryPageOfAPdfInOrder() throws Exception {
    byte[] pdf = TestDocuments.textPdf("Alpha contract page", "Bravo invoice page");

    List<PageText> pages = engine().recognize(OcrInput.of(pdf));

    assertThat(pages).extracting(PageText::number).containsExactly(1, 2);
    assertThat(pages.get(0).text())
        .containsIgnoringCase("Alpha")
        .doesNotContainIgnoringCase("Bravo");
    assertThat(pages.get(1).text()).containsIgnoringCase("Bravo");
    assertThat(pages).extracting(PageText::method).containsOnly(textPdfMethod());
  }

  @Test
  void givesTheSameTextForTheSameInput() throws Exception {
    OcrInput input =
        OcrInput.of(TestDocuments.textPdf("Charlie exhibit list", "Delta witness list"));

    assertThat(engine().recognize(input)).isEqualTo(engine().recognize(input));
  }

  @Test
  void passesPlainTextThroughAsOnePage() throws Exception {
    byte[] text = TestDocuments.utf8("\uFEFFPlain notice\r\nsecond line  \n");

    assertThat(engine().recognize(OcrInput.of(text)))
        .containsExactly(new PageText(1, "Plain notice\nsecond line", "plain"));
  }

  @Test
  void readsAnImageOrSaysItCannot() throws Exception {
    OcrInput image = OcrInput.of(TestDocuments.png("HELLO DOCFLEET"));
    if (readsImages()) {
      List<PageText> pages = engine().recognize(image);
      assertThat(pages).hasSize(1);
      assertThat(pages.get(0).text()).containsIgnoringCase("DOCFLEET");
    } else {
      assertThatThrownBy(() -> engine().recognize(image))
          .isInstanceOf(ProviderException.Permanent.class)
          .hasMessageContaining("image/png");
    }
  }

  @Test
  void anEmptyFileFailsForGood() {
    assertThatThrownBy(() -> engine().recognize(OcrInput.of(new byte[0])))
        .isInstanceOf(ProviderException.Permanent.class)
        .hasMessageContaining(engine().name())
        .hasMessageContaining("empty file");
  }

  @Test
  void aCorruptPdfFailsForGood() {
    assertThatThrownBy(() -> engine().recognize(OcrInput.of(TestDocuments.corruptPdf())))
        .isInstanceOf(ProviderException.Permanent.class)
        .hasMessageContaining("corrupt PDF");
  }

  @Test
  void anUnsupportedTypeFailsForGood() {
    assertThatThrownBy(() -> engine().recognize(OcrInput.of(TestDocuments.zip())))
        .isInstanceOf(ProviderException.Permanent.class)
        .hasMessageContaining("unsupported file type")
        .hasMessageContaining("504b0304");
  }

  @Test
  void whitespaceOnlyTextFailsForGood() {
    assertThatThrownBy(() -> engine().recognize(OcrInput.of(TestDocuments.utf8(" \n\t "))))
        .isInstanceOf(ProviderException.Permanent.class)
        .hasMessageContaining("only whitespace");
  }
}
