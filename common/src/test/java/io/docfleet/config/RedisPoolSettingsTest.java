package io.docfleet.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code REDIS_POOL_*} and {@code REDIS_MONITOR_INTERVAL}: defaults, values, and refusals. */
class RedisPoolSettingsTest {
  private static RedisPoolSettings read(String... pairs) {
    Map<String, String> env = new java.util.HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return RedisSettings.fromEnv(new Env(env)).pool();
  }

  @Test
  void hasNamedDefaults() {
    assertThat(read())
        .isEqualTo(
            new RedisPoolSettings(
                RedisPoolSettings.DEFAULT_SIZE,
                RedisPoolSettings.DEFAULT_MIN_IDLE,
                RedisPoolSettings.DEFAULT_IDLE_TIMEOUT,
                RedisPoolSettings.DEFAULT_MONITOR_INTERVAL));
    assertThat(read().size()).isEqualTo(64);
    assertThat(read().monitorInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(RedisPoolSettings.defaults()).isEqualTo(read());
  }

  @Test
  void readsEveryVariable() {
    RedisPoolSettings pool =
        read(
            "REDIS_POOL_SIZE", "128",
            "REDIS_POOL_MIN_IDLE", "0",
            "REDIS_POOL_IDLE_TIMEOUT", "30s",
            "REDIS_MONITOR_INTERVAL", "1m");
    assertThat(pool)
        .isEqualTo(new RedisPoolSettings(128, 0, Duration.ofSeconds(30), Duration.ofMinutes(1)));
    assertThat(pool.logsStatistics()).isTrue();
    assertThat(read("REDIS_MONITOR_INTERVAL", "0").logsStatistics()).isFalse();
  }

  @Test
  void aSmallPoolKeepsAtMostItsSizeIdleByDefault() {
    assertThat(read("REDIS_POOL_SIZE", "2").minIdle()).isEqualTo(2);
  }

  @Test
  void aBadValueNamesTheVariableAndWhatItAccepts() {
    assertThatThrownBy(() -> read("REDIS_POOL_SIZE", "0"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("REDIS_POOL_SIZE")
        .hasMessageContaining("above 0");
    assertThatThrownBy(() -> read("REDIS_POOL_SIZE", "many"))
        .hasMessageContaining("REDIS_POOL_SIZE");
    assertThatThrownBy(() -> read("REDIS_POOL_SIZE", "8", "REDIS_POOL_MIN_IDLE", "9"))
        .hasMessageContaining("REDIS_POOL_MIN_IDLE")
        .hasMessageContaining("from 0 to REDIS_POOL_SIZE (8)");
    assertThatThrownBy(() -> read("REDIS_POOL_MIN_IDLE", "-1"))
        .hasMessageContaining("REDIS_POOL_MIN_IDLE");
    assertThatThrownBy(() -> read("REDIS_POOL_MIN_IDLE", "few"))
        .hasMessageContaining("REDIS_POOL_MIN_IDLE");
    assertThatThrownBy(() -> read("REDIS_POOL_IDLE_TIMEOUT", "0"))
        .hasMessageContaining("REDIS_POOL_IDLE_TIMEOUT")
        .hasMessageContaining("above 0");
    assertThatThrownBy(() -> read("REDIS_MONITOR_INTERVAL", "often"))
        .hasMessageContaining("REDIS_MONITOR_INTERVAL");
  }

  @Test
  void theCachesOwnRedisTakesTheSamePool() {
    Env env = new Env(Map.of("REDIS_CACHE_URL", "redis://cache:6379", "REDIS_POOL_SIZE", "16"));
    assertThat(RedisSettings.fromEnv(env, "REDIS_CACHE_URL").pool().size()).isEqualTo(16);
  }
}
