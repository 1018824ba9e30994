package io.docfleet.worker.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.document.ContentHash;
import io.docfleet.source.S3Location;
import io.docfleet.source.SourceDocument;
import java.net.URI;
import org.junit.jupiter.api.Test;

class OcrInputTest {
  private static final byte[] BYTES = {'%', 'P', 'D', 'F', '-'};

  @Test
  void aDocumentReadFromS3KeepsItsLocation() {
    OcrInput input =
        OcrInput.from(
            SourceDocument.of(URI.create("s3://legal/cases/brief.pdf"), "brief.pdf", BYTES));

    assertThat(input.location()).contains(new S3Location("legal", "cases/brief.pdf"));
    assertThat(input.sha256()).isEqualTo(ContentHash.sha256(BYTES));
    assertThat(input)
        .hasToString(
            "OcrInput[5 bytes, sha256 "
                + input.sha256().substring(0, 12)
                + ", s3://legal/cases/brief.pdf]");
  }

  @Test
  void aLocalFileHasNoLocation() {
    OcrInput input =
        OcrInput.from(SourceDocument.of(URI.create("file:///data/brief.pdf"), "brief.pdf", BYTES));

    assertThat(input.location()).isEmpty();
    assertThat(input).isEqualTo(OcrInput.of(BYTES.clone()));
  }
}
