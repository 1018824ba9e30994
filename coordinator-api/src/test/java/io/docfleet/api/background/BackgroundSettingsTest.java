package io.docfleet.api.background;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docfleet.config.ConfigException;
import io.docfleet.config.Env;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackgroundSettingsTest {
  @Test
  void readsEveryVariableWithItsDefault() {
    assertThat(BackgroundSettings.defaults())
        .isEqualTo(
            new BackgroundSettings(
                Duration.ofSeconds(15),
                Duration.ofSeconds(60),
                Duration.ofMinutes(2),
                500,
                true,
                24,
                1000));
    BackgroundSettings set =
        BackgroundSettings.fromEnv(
            new Env(
                Map.of(
                    "LEADER_LEASE", "30s",
                    "RECONCILE_INTERVAL", "5m",
                    "RECONCILE_GRACE", "10m",
                    "RECONCILE_BATCH", "50",
                    "REDIS_CACHE_WARMING_ENABLED", "false",
                    "REDIS_CACHE_WARMING_HOURS", "6",
                    "REDIS_CACHE_WARMING_LIMIT", "20")));
    assertThat(set)
        .isEqualTo(
            new BackgroundSettings(
                Duration.ofSeconds(30),
                Duration.ofMinutes(5),
                Duration.ofMinutes(10),
                50,
                false,
                6,
                20));
  }

  @Test
  void aBadValueNamesItsVariable() {
    assertThatThrownBy(() -> BackgroundSettings.fromEnv(new Env(Map.of("LEADER_LEASE", "1s"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("LEADER_LEASE");
    assertThatThrownBy(
            () -> BackgroundSettings.fromEnv(new Env(Map.of("RECONCILE_INTERVAL", "0s"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("RECONCILE_INTERVAL");
    assertThatThrownBy(
            () -> BackgroundSettings.fromEnv(new Env(Map.of("REDIS_CACHE_WARMING_LIMIT", "0"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("REDIS_CACHE_WARMING_LIMIT");
  }
}
