package io.docfleet.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskTypeNamesTest {
  @ParameterizedTest
  @ValueSource(strings = {"ocr", "Entities", "pdf-2", "a_b", "v1.2", "Z", "0"})
  void acceptsLettersDigitsDashesUnderscoresAndDots(String type) {
    assertThat(TaskTypeNames.isValid(type)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "no spaces", "a:b", "{ocr}", "a*", "ocr/x", "é", "a\nb", "ocr\u0000"})
  void refusesAnythingElse(String type) {
    assertThat(TaskTypeNames.isValid(type)).isFalse();
  }

  @Test
  void allowsAtMostSixtyFourCharacters() {
    assertThat(TaskTypeNames.isValid("t".repeat(64))).isTrue();
    assertThat(TaskTypeNames.isValid("t".repeat(65))).isFalse();
    assertThat(TaskTypeNames.isValid(null)).isFalse();
  }
}
