package io.docfleet.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docfleet.config.ConfigException;
import io.docfleet.config.Env;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The coordinator's configuration: defaults, and bad values named by their variable. */
class CoordinatorConfigTest {
  @TempDir Path folder;

  private static CoordinatorConfig read(Map<String, String> env) {
    return CoordinatorConfig.fromEnv(new Env(env));
  }

  @Test
  void theDefaults() {
    CoordinatorConfig config = read(Map.of());

    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.host()).isEqualTo("0.0.0.0");
    assertThat(config.tokens()).isEmpty();
    assertThat(config.readAuth()).isFalse();
    assertThat(config.contentAuth()).isTrue();
    assertThat(config.maxStreams()).isEqualTo(100);
    assertThat(config.maxBodyBytes()).isEqualTo(1024 * 1024);
    assertThat(config.maxUploadBytes()).isEqualTo(50L * 1024 * 1024);
    assertThat(config.idempotencyTtl()).isEqualTo(Duration.ofHours(24));
    assertThat(config.uploads().enabled()).isFalse();
    assertThat(config.redisMonitor().enabled()).isFalse();
    assertThat(config.redisMonitor().port()).isEqualTo(8090);
  }

  @Test
  void theRedisMonitorIsReadValidatedAndKeptOffTheApisPort() {
    CoordinatorConfig on =
        read(Map.of("REDIS_MONITOR_ENABLED", "true", "REDIS_MONITOR_PORT", "9191"));

    assertThat(on.redisMonitor().enabled()).isTrue();
    assertThat(on.redisMonitor().port()).isEqualTo(9191);
    assertThatThrownBy(() -> read(Map.of("REDIS_MONITOR_ENABLED", "sometimes")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("REDIS_MONITOR_ENABLED");
    assertThatThrownBy(() -> read(Map.of("REDIS_MONITOR_PORT", "0")))
        .hasMessageContaining("REDIS_MONITOR_PORT");
    assertThatThrownBy(() -> read(Map.of("REDIS_MONITOR_PORT", "65536")))
        .hasMessageContaining("REDIS_MONITOR_PORT");
    assertThatThrownBy(
            () ->
                read(
                    Map.of(
                        "REDIS_MONITOR_ENABLED", "true",
                        "REDIS_MONITOR_PORT", "8080",
                        "COORDINATOR_PORT", "8080")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("REDIS_MONITOR_PORT")
        .hasMessageContaining("COORDINATOR_PORT");
    assertThat(read(Map.of("REDIS_MONITOR_PORT", "8080")).redisMonitor().enabled())
        .as("a monitor that is off takes no port")
        .isFalse();
  }

  @Test
  void tokensAreReadAsAListAndNeverPrinted() {
    CoordinatorConfig config = read(Map.of("COORDINATOR_API_TOKENS", "alpha-1, acme:beta-2"));

    assertThat(config.tokens())
        .extracting(t -> t.token().value())
        .containsExactly("alpha-1", "beta-2");
    assertThat(config.tokens())
        .extracting(t -> t.name().orElse(null))
        .containsExactly(null, "acme");
    assertThat(config.toString()).doesNotContain("alpha-1").doesNotContain("beta-2");
    assertThatThrownBy(() -> read(Map.of("COORDINATOR_API_TOKENS", "ok,a b:hunter2")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("COORDINATOR_API_TOKENS: entry 2")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void badValuesNameTheirVariable() {
    assertThatThrownBy(() -> read(Map.of("COORDINATOR_PORT", "http")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("COORDINATOR_PORT");
    assertThatThrownBy(() -> read(Map.of("COORDINATOR_PORT", "70000")))
        .hasMessageContaining("COORDINATOR_PORT");
    assertThatThrownBy(() -> read(Map.of("COORDINATOR_READ_AUTH", "maybe")))
        .hasMessageContaining("COORDINATOR_READ_AUTH");
    assertThatThrownBy(() -> read(Map.of("COORDINATOR_MAX_BODY_BYTES", "0")))
        .hasMessageContaining("COORDINATOR_MAX_BODY_BYTES");
    assertThatThrownBy(() -> read(Map.of("COORDINATOR_IDEMPOTENCY_TTL", "0")))
        .hasMessageContaining("COORDINATOR_IDEMPOTENCY_TTL");
    assertThatThrownBy(() -> read(Map.of("COORDINATOR_MAX_STREAMS", "0")))
        .hasMessageContaining("COORDINATOR_MAX_STREAMS");
    assertThatThrownBy(() -> read(Map.of("COORDINATOR_CONTENT_AUTH", "perhaps")))
        .hasMessageContaining("COORDINATOR_CONTENT_AUTH");
  }

  @Test
  void openingContentsWhileReadsNeedATokenIsAContradictionNamedAtStartUp() {
    assertThatThrownBy(
            () ->
                read(Map.of("COORDINATOR_READ_AUTH", "true", "COORDINATOR_CONTENT_AUTH", "false")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("COORDINATOR_CONTENT_AUTH")
        .hasMessageContaining("COORDINATOR_READ_AUTH");

    CoordinatorConfig open = read(Map.of("COORDINATOR_CONTENT_AUTH", "false"));
    assertThat(open.contentAuth()).isFalse();
    assertThat(read(Map.of("COORDINATOR_MAX_STREAMS", "7")).maxStreams()).isEqualTo(7);
  }

  @Test
  void anUploadFolderMustLieUnderAFileRootAndOnlyOneStoreIsAllowed() throws Exception {
    Path root = Files.createDirectories(folder.resolve("root"));
    Map<String, String> env = new HashMap<>();
    env.put("DOCFLEET_FILE_ROOTS", root.toString());
    env.put("COORDINATOR_UPLOAD_DIR", root.resolve("uploads").toString());

    assertThat(read(env).uploads().dir()).contains(root.resolve("uploads").toRealPath());

    env.put("COORDINATOR_UPLOAD_DIR", folder.resolve("elsewhere").toString());
    assertThatThrownBy(() -> read(env))
        .hasMessageContaining("COORDINATOR_UPLOAD_DIR")
        .hasMessageContaining("DOCFLEET_FILE_ROOTS");

    env.put("COORDINATOR_UPLOAD_BUCKET", "inbox");
    assertThatThrownBy(() -> read(env)).hasMessageContaining("not both");

    env.remove("COORDINATOR_UPLOAD_DIR");
    CoordinatorConfig bucket = read(env);
    assertThat(bucket.uploads().bucket()).contains("inbox");
    assertThat(bucket.uploads().keyPrefix()).isEqualTo("uploads/");
  }
}
