package io.docfleet.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A wait's reason as operators read it: one line, at most {@value WaitReasons#MAX_CHARS} chars. */
class WaitReasonsTest {

  @Test
  void aShortReasonIsKeptAsItIs() {
    String reason = "daily budget of group acme reached: $5.00 of $5.00 spent";

    assertThat(WaitReasons.shown(reason)).isEqualTo(reason);
  }

  @Test
  void lineBreaksAndControlCharactersAreEscapedToOneLine() {
    assertThat(WaitReasons.shown("job j-1\nstill running\r\u0007"))
        .isEqualTo("job j-1\\nstill running\\r\\u0007");
  }

  @Test
  void aLongReasonIsCutToTheLimitAndSaysSo() {
    String shown = WaitReasons.shown("x".repeat(WaitReasons.MAX_CHARS + 1));

    assertThat(shown).hasSize(WaitReasons.MAX_CHARS).endsWith("x…");
    assertThat(WaitReasons.shown("y".repeat(WaitReasons.MAX_CHARS)))
        .isEqualTo("y".repeat(WaitReasons.MAX_CHARS));
  }

  @Test
  void aCutNeverSplitsACharacterInTwo() {
    String clef = "\uD834\uDD1E"; // one character, two UTF-16 units
    String reason = "a".repeat(WaitReasons.MAX_CHARS - 2) + clef + "tail";

    String shown = WaitReasons.shown(reason);

    assertThat(shown).isEqualTo("a".repeat(WaitReasons.MAX_CHARS - 2) + "…");
    assertThat(Character.isHighSurrogate(shown.charAt(shown.length() - 2))).isFalse();
  }
}
