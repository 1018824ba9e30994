package io.docfleet.worker.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.worker.testing.TestDocuments;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MediaTypeTest {
  @Test
  void tellsTypesApartByTheirFirstBytes() {
    assertThat(MediaType.sniff(TestDocuments.textPdf("x"))).contains(MediaType.PDF);
    assertThat(MediaType.sniff(TestDocuments.png("x"))).contains(MediaType.PNG);
    assertThat(MediaType.sniff(TestDocuments.jpeg("x"))).contains(MediaType.JPEG);
    assertThat(MediaType.sniff(new byte[] {'I', 'I', 42, 0, 8, 0})).contains(MediaType.TIFF);
    assertThat(MediaType.sniff(new byte[] {'M', 'M', 0, 42, 0, 8})).contains(MediaType.TIFF);
    assertThat(MediaType.sniff(TestDocuments.utf8("Grüße, § 1983\n")))
        .contains(MediaType.PLAIN_TEXT);
  }

  @Test
  void binaryAndBrokenUtf8AreNotText() {
    assertThat(MediaType.sniff(TestDocuments.zip())).isEqualTo(Optional.empty());
    assertThat(MediaType.sniff(new byte[] {'a', (byte) 0xC3, 'b'})).isEmpty();
    assertThat(MediaType.sniff(new byte[] {'a', 0, 'b'})).isEmpty();
  }
}
