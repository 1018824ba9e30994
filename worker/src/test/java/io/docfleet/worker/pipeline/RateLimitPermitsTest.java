package io.docfleet.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docfleet.cache.CacheSettings;
import io.docfleet.cache.Provider;
import io.docfleet.cache.ProviderRateLimits;
import io.docfleet.config.ConfigException;
import io.docfleet.config.Env;
import io.docfleet.redis.FleetContext;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import io.docfleet.worker.provider.CallPermits;
import io.docfleet.worker.provider.PermitSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The permits a worker's paid calls take, against the real Redis: go, or wait a bounded while. */
class RateLimitPermitsTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("permits");

  private final String prefix = redis.prefix();
  private final FleetContext fleet = redis.context(new SettableClock());

  private CallPermits openAi(String rate, String wait, String deferMax) {
    Env env =
        new Env(
            Map.of(
                "RATE_LIMIT_OPENAI_CHAT", rate,
                "RATE_LIMIT_WAIT", wait,
                "RATE_LIMIT_DEFER_MAX", deferMax));
    return PipelineResources.permits(
        new ProviderRateLimits(fleet, CacheSettings.fromEnv(env)),
        Provider.OPENAI,
        PermitSettings.fromEnv(env));
  }

  @Test
  void aCallOverTheLimitWaitsTheSpacingAtMostTheConfiguredMaximum() {
    CallPermits permits = openAi("1/1h", "20ms", "5s");

    assertThat(permits.take("chat")).isEmpty();
    assertThat(permits.take("chat")).contains(Duration.ofSeconds(5));
    assertThat(permits.take("embeddings")).as("another operation, unlimited").isEmpty();
  }

  @Test
  void aShortSpacingIsTheWait() {
    CallPermits permits = openAi("2/1m", "0s", "1h");
    permits.take("chat");
    permits.take("chat");

    assertThat(permits.take("chat")).isEqualTo(Optional.of(Duration.ofSeconds(30)));
  }

  @Test
  void settingsHaveDefaultsAndRefuseAZeroDeferral() {
    assertThat(PermitSettings.fromEnv(new Env(Map.of()))).isEqualTo(PermitSettings.defaults());
    assertThatThrownBy(() -> PermitSettings.fromEnv(new Env(Map.of("RATE_LIMIT_DEFER_MAX", "0"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("RATE_LIMIT_DEFER_MAX");
  }
}
