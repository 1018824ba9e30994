package io.docfleet.store;

import static io.docfleet.testing.TestDocuments.aDocument;
import static io.docfleet.testing.TestDocuments.renamed;
import static io.docfleet.testing.TestDocuments.withContent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DocumentFileTest {
  private static final String SHA = "AB".repeat(32);

  @Test
  void storesTheShaInLowerCase() {
    DocumentFile file = new DocumentFile("d1", "s3://b/k", "k.pdf", "application/pdf", 3, SHA);
    assertThat(file.sha256()).isEqualTo("ab".repeat(32));
  }

  @Test
  void onlyOtherBytesCountAsAContentChange() {
    assertThat(renamed(aDocument("d1"), "x.pdf").contentDiffersFrom(aDocument("d1"))).isFalse();
    assertThat(withContent(aDocument("d1"), "v2").contentDiffersFrom(aDocument("d1"))).isTrue();
  }

  @Test
  void refusesAFileWithoutIdOrWithABadSizeOrSha() {
    assertThatThrownBy(() -> new DocumentFile(" ", "s", "n", "m", 1, SHA))
        .hasMessageContaining("needs an id");
    assertThatThrownBy(() -> new DocumentFile("d1", "s", "n", "m", -1, SHA))
        .hasMessageContaining("size below 0");
    assertThatThrownBy(() -> new DocumentFile("d1", "s", "n", "m", 1, "abc"))
        .hasMessageContaining("sha256 must be 64 hex digits, got 'abc'");
    assertThatThrownBy(() -> new DocumentFile("d1", null, "n", "m", 1, SHA))
        .isInstanceOf(NullPointerException.class);
  }
}
