package io.docfleet.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docfleet.config.ConfigException;
import io.docfleet.config.Env;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DashboardSettingsTest {
  @Test
  void defaultsSampleEveryFiveSecondsForAnHour() {
    DashboardSettings settings = DashboardSettings.defaults();

    assertThat(settings.interval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.samples()).isEqualTo(720);
    assertThat(settings.minutes()).isEqualTo(60);
  }

  @Test
  void readsTheVariables() {
    DashboardSettings settings =
        DashboardSettings.fromEnv(
            new Env(
                Map.of(
                    "COORDINATOR_DASHBOARD_INTERVAL", "2s",
                    "COORDINATOR_DASHBOARD_HISTORY", "5m")));

    assertThat(settings.samples()).isEqualTo(150);
    assertThat(settings.minutes()).isEqualTo(5);
  }

  @Test
  void badValuesNameTheVariable() {
    assertThatThrownBy(
            () ->
                DashboardSettings.fromEnv(
                    new Env(Map.of("COORDINATOR_DASHBOARD_INTERVAL", "10ms"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("COORDINATOR_DASHBOARD_INTERVAL");
    for (String history : new String[] {"30s", "90s", "2h"}) {
      assertThatThrownBy(
              () ->
                  DashboardSettings.fromEnv(
                      new Env(Map.of("COORDINATOR_DASHBOARD_HISTORY", history))))
          .as(history)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("COORDINATOR_DASHBOARD_HISTORY");
    }
  }
}
