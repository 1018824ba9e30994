package io.docfleet.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Redis' glob patterns as {@code SCAN MATCH} reads them, matched in memory. */
class GlobTest {
  @Test
  void starsAndQuestionMarksMatchAnyRunAndAnyOneCharacter() {
    assertThat(Glob.matches("tasks:*", "tasks:ocr")).isTrue();
    assertThat(Glob.matches("tasks:*", "tasks:")).isTrue();
    assertThat(Glob.matches("tasks:*", "{tasks:ocr}:dead")).isFalse();
    assertThat(Glob.matches("{tasks:*}:processing:*", "{tasks:ocr}:processing:w-1")).isTrue();
    assertThat(Glob.matches("{tasks:*}:processing:*", "{tasks:ocr}:delayed")).isFalse();
    assertThat(Glob.matches("cache:*:*:*:*:*", "cache:ocr:ab:tesseract:5:v1")).isTrue();
    assertThat(Glob.matches("cache:*:*:*:*:*", "cache:metrics:ocr")).isFalse();
    assertThat(Glob.matches("a?c", "abc")).isTrue();
    assertThat(Glob.matches("a?c", "ac")).isFalse();
    assertThat(Glob.matches("*", "")).isTrue();
    assertThat(Glob.matches("", "x")).isFalse();
  }

  @Test
  void setsRangesNegationAndEscapesMatchAsRedisDoes() {
    assertThat(Glob.matches("h[ae]llo", "hello")).isTrue();
    assertThat(Glob.matches("h[ae]llo", "hillo")).isFalse();
    assertThat(Glob.matches("h[^e]llo", "hallo")).isTrue();
    assertThat(Glob.matches("h[^e]llo", "hello")).isFalse();
    assertThat(Glob.matches("h[a-b]llo", "hbllo")).isTrue();
    assertThat(Glob.matches("h[a-b]llo", "hcllo")).isFalse();
    assertThat(Glob.matches("a\\*b*", "a*bc")).isTrue();
    assertThat(Glob.matches("a\\*b*", "axbc")).isFalse();
    assertThat(Glob.matches("[\\]]x", "]x")).isTrue();
  }

  @Test
  void anEscapedPrefixMatchesItselfLiterally() {
    RedisKeys keys = new RedisKeys("a*b?[c]\\:");
    String pattern = keys.scanPatterns().get(0);

    assertThat(Glob.matches(pattern, keys.ready("ocr"))).isTrue();
    assertThat(Glob.matches(pattern, "aXbY[c]\\:tasks:ocr")).isFalse();
  }
}
