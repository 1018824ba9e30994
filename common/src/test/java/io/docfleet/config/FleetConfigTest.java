package io.docfleet.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docfleet.config.RedisSettings.Mode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FleetConfigTest {

  private static FleetConfig read(String... pairs) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return FleetConfig.fromEnv(new Env(env));
  }

  @Test
  void hasNamedDefaults() {
    FleetConfig config = read();
    assertThat(config.redis().mode()).isEqualTo(Mode.SINGLE);
    assertThat(config.redis().nodes()).containsExactly("redis://127.0.0.1:6379");
    assertThat(config.redis().password()).isEmpty();
    assertThat(config.keyPrefix()).isEmpty();
    assertThat(config.worker().id()).matches(".+-\\d+-[0-9a-f]+");
    assertThat(config.worker().taskTypes()).isEmpty();
    assertThat(config.worker().concurrency().forType("ocr")).isEqualTo(8);
    assertThat(config.worker().heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.worker().ttl()).isEqualTo(Duration.ofSeconds(15));
    assertThat(config.worker().shutdownGrace()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.queue().maxAttempts()).isEqualTo(5);
    assertThat(config.queue().assignmentRetention()).isEqualTo(Duration.ofHours(24));
    assertThat(config.queue()).isEqualTo(FleetConfig.QueueSettings.defaults());
  }

  @Test
  void readsEveryVariable() {
    FleetConfig config =
        read(
            "REDIS_URL", "rediss://app:s3cret@redis.internal:6380/2",
            "DOCFLEET_KEY_PREFIX", "prod:",
            "WORKER_ID", "w-7",
            "WORKER_TASK_TYPES", "ocr, entities",
            "WORKER_CONCURRENCY", "4,ocr=2",
            "HEARTBEAT_INTERVAL", "500ms",
            "WORKER_TTL", "2s",
            "TASK_MAX_ATTEMPTS", "3",
            "RETRY_BACKOFF_BASE", "100ms",
            "RETRY_BACKOFF_MAX", "1m",
            "SHUTDOWN_GRACE", "10s",
            "TASK_ASSIGNMENT_RETENTION", "1h",
            "TASK_IDEMPOTENCY_WINDOW", "2h",
            "REAPER_INTERVAL", "1s",
            "DELAYED_POLL_INTERVAL", "250ms");
    assertThat(config.redis().tls()).isTrue();
    assertThat(config.redis().nodes()).containsExactly("rediss://redis.internal:6380");
    assertThat(config.redis().database()).isEqualTo(2);
    assertThat(config.redis().username()).contains("app");
    assertThat(config.redis().password().orElseThrow().value()).isEqualTo("s3cret");
    assertThat(config.keyPrefix()).isEqualTo("prod:");
    assertThat(config.worker().id()).isEqualTo("w-7");
    assertThat(config.worker().taskTypes()).containsExactly("ocr", "entities");
    assertThat(config.worker().concurrency().forType("ocr")).isEqualTo(2);
    assertThat(config.worker().concurrency().forType("entities")).isEqualTo(4);
    assertThat(config.worker().heartbeatInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.worker().ttl()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.worker().shutdownGrace()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.worker().reaperInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.worker().promoterInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.queue().maxAttempts()).isEqualTo(3);
    assertThat(config.queue().backoffBase()).isEqualTo(Duration.ofMillis(100));
    assertThat(config.queue().backoffMax()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.queue().assignmentRetention()).isEqualTo(Duration.ofHours(1));
    assertThat(config.queue().idempotencyWindow()).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void explicitCredentialsWinOverTheUrl() {
    RedisSettings redis =
        read("REDIS_URL", "redis://u:fromurl@h:1", "REDIS_USERNAME", "x", "REDIS_PASSWORD", "y")
            .redis();
    assertThat(redis.username()).contains("x");
    assertThat(redis.password().orElseThrow().value()).isEqualTo("y");
  }

  @Test
  void sentinelAndClusterReadTheirNodes() {
    RedisSettings sentinel =
        read(
                "REDIS_MODE", "sentinel",
                "REDIS_NODES", "10.0.0.1:26379,redis://10.0.0.2:26379",
                "REDIS_SENTINEL_MASTER", "queues")
            .redis();
    assertThat(sentinel.mode()).isEqualTo(Mode.SENTINEL);
    assertThat(sentinel.nodes())
        .containsExactly("redis://10.0.0.1:26379", "redis://10.0.0.2:26379");
    assertThat(sentinel.sentinelMaster()).isEqualTo("queues");

    RedisSettings cluster = read("REDIS_MODE", "CLUSTER", "REDIS_NODES", "a:7000,b:7001").redis();
    assertThat(cluster.mode()).isEqualTo(Mode.CLUSTER);
    assertThat(cluster.nodes()).containsExactly("redis://a:7000", "redis://b:7001");
  }

  @Test
  void acceptsThePlansNamesAsAliases() {
    RedisSettings redis =
        read("REDIS_CLUSTER_ENABLED", "true", "REDIS_CLUSTER_NODES", "n1:7000,n2:7001").redis();
    assertThat(redis.mode()).isEqualTo(Mode.CLUSTER);
    assertThat(redis.nodes()).containsExactly("redis://n1:7000", "redis://n2:7001");
    assertThat(read("REDIS_CLUSTER_ENABLED", "false").redis().mode()).isEqualTo(Mode.SINGLE);
    assertThat(read("REDIS_MODE", "single", "REDIS_CLUSTER_ENABLED", "true").redis().mode())
        .isEqualTo(Mode.SINGLE);
  }

  @Test
  void aBadValueNamesTheVariableAndWhatItAccepts() {
    assertThatThrownBy(() -> read("WORKER_TTL", "soon"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("WORKER_TTL")
        .hasMessageContaining("duration");
    assertThatThrownBy(() -> read("REDIS_MODE", "ring"))
        .hasMessageContaining("REDIS_MODE")
        .hasMessageContaining("single | sentinel | cluster");
    assertThatThrownBy(() -> read("TASK_MAX_ATTEMPTS", "0"))
        .hasMessageContaining("TASK_MAX_ATTEMPTS")
        .hasMessageContaining("above 0");
    assertThatThrownBy(() -> read("WORKER_CONCURRENCY", "ocr=two"))
        .hasMessageContaining("WORKER_CONCURRENCY")
        .hasMessageContaining("ocr=2");
    assertThatThrownBy(() -> read("WORKER_CONCURRENCY", "=2"))
        .hasMessageContaining("WORKER_CONCURRENCY");
    assertThatThrownBy(() -> read("REDIS_CLUSTER_ENABLED", "maybe"))
        .hasMessageContaining("REDIS_CLUSTER_ENABLED")
        .hasMessageContaining("true or false");
    assertThatThrownBy(() -> read("WORKER_TASK_TYPES", "ocr,bad type"))
        .hasMessageContaining("WORKER_TASK_TYPES");
    assertThatThrownBy(() -> read("HEARTBEAT_INTERVAL", "10s", "WORKER_TTL", "15s"))
        .hasMessageContaining("WORKER_TTL")
        .hasMessageContaining("twice HEARTBEAT_INTERVAL");
    assertThatThrownBy(() -> read("HEARTBEAT_INTERVAL", "0"))
        .hasMessageContaining("HEARTBEAT_INTERVAL");
    assertThatThrownBy(() -> read("RETRY_BACKOFF_BASE", "10s", "RETRY_BACKOFF_MAX", "1s"))
        .hasMessageContaining("RETRY_BACKOFF_MAX");
    assertThatThrownBy(() -> read("REDIS_URL", "http://redis:6379"))
        .hasMessageContaining("REDIS_URL")
        .hasMessageContaining("redis://");
    assertThatThrownBy(() -> read("REDIS_URL", "redis://h:1/zero"))
        .hasMessageContaining("db is a number");
  }

  @Test
  void aPasswordNeverAppearsInAnErrorOrInToString() {
    assertThatThrownBy(() -> read("REDIS_URL", "ftp://user:hunter2@host:1"))
        .hasMessageContaining("REDIS_URL")
        .hasMessageNotContaining("hunter2")
        .hasMessageContaining("user:****@");
    assertThatThrownBy(() -> read("REDIS_URL", "redis://user:hunter2@host:1/x"))
        .hasMessageNotContaining("hunter2");
    FleetConfig config = read("REDIS_URL", "redis://:hunter2@host:1", "REDIS_PASSWORD", "");
    assertThat(config.toString()).doesNotContain("hunter2");
    assertThat(config.redis().password().orElseThrow().value()).isEqualTo("hunter2");
    assertThat(new Secret("hunter2").toString()).isEqualTo("****");
  }

  @Test
  void durationsTakeUnitsAndBareSeconds() {
    assertThat(Env.parseDuration("X", "250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Env.parseDuration("X", "15")).isEqualTo(Duration.ofSeconds(15));
    assertThat(Env.parseDuration("X", "2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(Env.parseDuration("X", "1h")).isEqualTo(Duration.ofHours(1));
    assertThat(Env.parseDuration("X", "1d")).isEqualTo(Duration.ofDays(1));
    assertThat(Env.parseDuration("X", " 3S ")).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void blankValuesCountAsUnsetAndListsDropEmptyItems() {
    assertThat(read("WORKER_TTL", "  ").worker().ttl()).isEqualTo(Duration.ofSeconds(15));
    assertThat(Env.splitList(" a,,b , ")).isEqualTo(List.of("a", "b"));
    assertThat(Env.parseBool("X", "YES")).isTrue();
    assertThat(Env.parseBool("X", "off")).isFalse();
  }
}
