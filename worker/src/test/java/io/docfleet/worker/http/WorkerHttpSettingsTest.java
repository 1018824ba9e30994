package io.docfleet.worker.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docfleet.config.ConfigException;
import io.docfleet.config.Env;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerHttpSettingsTest {
  private static WorkerHttpSettings read(Map<String, String> env) {
    return WorkerHttpSettings.fromEnv(new Env(env));
  }

  @Test
  void servesPort8081OnEveryAddressByDefault() {
    assertThat(read(Map.of())).isEqualTo(new WorkerHttpSettings(true, "0.0.0.0", 8081, false));
  }

  @Test
  void zeroServesNoPortAndAHostNarrowsTheAddress() {
    assertThat(read(Map.of("WORKER_HTTP_PORT", "0")).enabled()).isFalse();
    assertThat(read(Map.of("WORKER_HTTP_PORT", "9100", "WORKER_HTTP_HOST", "127.0.0.1")))
        .isEqualTo(new WorkerHttpSettings(true, "127.0.0.1", 9100, true));
    assertThat(read(Map.of("WORKER_HTTP_PORT", "8081")).portSet()).isTrue();
  }

  @Test
  void aBadPortNamesTheVariable() {
    for (String bad : new String[] {"http", "-1", "65536", "80.5"}) {
      assertThatThrownBy(() -> read(Map.of("WORKER_HTTP_PORT", bad)))
          .as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("WORKER_HTTP_PORT")
          .hasMessageContaining("0 for no HTTP port");
    }
  }
}
