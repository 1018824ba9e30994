package io.docfleet.document;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DocumentIdsTest {
  @ParameterizedTest
  @ValueSource(strings = {"d1", "doc-6f1c", "case.2024-01_a", "..a", "a..", ".hidden", "-", "_"})
  void acceptsLettersDigitsDotsDashesAndUnderscores(String id) {
    assertThat(DocumentIds.isValid(id)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {".", "..", "...", "", "a/b", "../a", "a b", "a\nb", "a%2e", "é", "a:b", "a\u0000"})
  void refusesPathSegmentTricksAndAnythingElse(String id) {
    assertThat(DocumentIds.isValid(id)).isFalse();
  }

  @Test
  void allowsAtMostOneHundredTwentyEightCharacters() {
    assertThat(DocumentIds.isValid("d".repeat(128))).isTrue();
    assertThat(DocumentIds.isValid("d".repeat(129))).isFalse();
    assertThat(DocumentIds.isValid(null)).isFalse();
  }
}
