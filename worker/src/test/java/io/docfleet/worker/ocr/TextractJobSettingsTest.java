package io.docfleet.worker.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docfleet.config.ConfigException;
import io.docfleet.config.Env;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextractJobSettingsTest {
  private static TextractJobSettings read(Map<String, String> env) {
    return TextractJobSettings.fromEnv(new Env(env));
  }

  @Test
  void everythingHasANamedDefault() {
    TextractJobSettings settings = TextractJobSettings.defaults();

    assertThat(settings.pollInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.maxPollInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(settings.jobTimeout()).isEqualTo(Duration.ofHours(1));
    assertThat(settings.resultTtl()).isEqualTo(Duration.ofHours(24));
    assertThat(settings.recordTtl()).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void readsEveryVariable() {
    TextractJobSettings settings =
        read(
            Map.of(
                "TEXTRACT_POLL_INTERVAL", "2s",
                "TEXTRACT_POLL_MAX_INTERVAL", "30s",
                "TEXTRACT_JOB_TIMEOUT", "2d",
                "TEXTRACT_RESULT_TTL", "1h"));

    assertThat(settings)
        .isEqualTo(
            new TextractJobSettings(
                Duration.ofSeconds(2),
                Duration.ofSeconds(30),
                Duration.ofDays(2),
                Duration.ofHours(1)));
    assertThat(settings.recordTtl()).isEqualTo(Duration.ofDays(2));
  }

  @Test
  void pollsBackOffByDoublingUpToTheCap() {
    TextractJobSettings settings = TextractJobSettings.defaults();

    assertThat(settings.delayBeforePoll(1)).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.delayBeforePoll(2)).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.delayBeforePoll(4)).isEqualTo(Duration.ofSeconds(40));
    assertThat(settings.delayBeforePoll(5)).isEqualTo(Duration.ofMinutes(1));
    assertThat(settings.delayBeforePoll(10_000)).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void aBadValueNamesItsVariable() {
    assertThatThrownBy(() -> read(Map.of("TEXTRACT_POLL_INTERVAL", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("TEXTRACT_POLL_INTERVAL");
    assertThatThrownBy(() -> read(Map.of("TEXTRACT_JOB_TIMEOUT", "soon")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("TEXTRACT_JOB_TIMEOUT");
    assertThatThrownBy(
            () -> read(Map.of("TEXTRACT_POLL_INTERVAL", "10s", "TEXTRACT_POLL_MAX_INTERVAL", "5s")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("TEXTRACT_POLL_MAX_INTERVAL: expected at least");
  }
}
