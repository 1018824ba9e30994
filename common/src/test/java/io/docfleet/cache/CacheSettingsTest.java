package io.docfleet.cache;

import static io.docfleet.cache.CacheFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docfleet.cache.RateLimits.Rate;
import io.docfleet.config.ConfigException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CacheSettingsTest {

  @Test
  void hasNamedDefaults() {
    CacheSettings defaults = CacheSettings.defaults();
    assertThat(defaults.enabled()).isTrue();
    assertThat(defaults.ownRedis()).isEmpty();
    for (CacheType type : CacheType.values()) {
      assertThat(defaults.ttl(type)).isEqualTo(Duration.ofDays(30));
    }
    assertThat(defaults.timeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(defaults.lockWait()).isEqualTo(Duration.ofSeconds(60));
    assertThat(defaults.compressThreshold()).isEqualTo(4096);
    assertThat(defaults.metricsInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(defaults.rateLimits().rate(Provider.OPENAI, "chat")).isEmpty();
  }

  @Test
  void readsEveryVariable() {
    CacheSettings s =
        settings(
            "REDIS_ENABLE_OPTIMIZATION", "false",
            "REDIS_CACHE_URL", "redis://cache-host:6380/2",
            "CACHE_TTL_OCR", "90d",
            "CACHE_TTL_ENTITIES", "7d",
            "CACHE_TTL_STRUCTURED", "12h",
            "CACHE_TIMEOUT", "100ms",
            "CACHE_LOCK_WAIT", "2m",
            "CACHE_COMPRESS_THRESHOLD", "1024",
            "CACHE_METRICS_INTERVAL", "10s");
    assertThat(s.enabled()).isFalse();
    assertThat(s.ownRedis().orElseThrow().primaryAddress()).isEqualTo("redis://cache-host:6380");
    assertThat(s.ownRedis().orElseThrow().database()).isEqualTo(2);
    assertThat(s.ttl(CacheType.OCR)).isEqualTo(Duration.ofDays(90));
    assertThat(s.ttl(CacheType.ENTITIES)).isEqualTo(Duration.ofDays(7));
    assertThat(s.ttl(CacheType.STRUCTURED)).isEqualTo(Duration.ofHours(12));
    assertThat(s.longestTtl()).isEqualTo(Duration.ofDays(90));
    assertThat(s.timeout()).isEqualTo(Duration.ofMillis(100));
    assertThat(s.lockWait()).isEqualTo(Duration.ofMinutes(2));
    assertThat(s.compressThreshold()).isEqualTo(1024);
    assertThat(s.metricsInterval()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void aBadValueNamesItsVariable() {
    assertThatThrownBy(() -> settings("CACHE_TTL_OCR", "forever"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("CACHE_TTL_OCR: expected a duration");
    assertThatThrownBy(() -> settings("CACHE_TIMEOUT", "0"))
        .hasMessage("CACHE_TIMEOUT: expected a duration above 0, got '0'");
    assertThatThrownBy(() -> settings("CACHE_COMPRESS_THRESHOLD", "-1"))
        .hasMessageStartingWith("CACHE_COMPRESS_THRESHOLD:");
    assertThatThrownBy(() -> settings("REDIS_ENABLE_OPTIMIZATION", "maybe"))
        .hasMessageStartingWith("REDIS_ENABLE_OPTIMIZATION:");
    assertThatThrownBy(() -> settings("REDIS_CACHE_URL", "http://cache"))
        .hasMessageStartingWith("REDIS_CACHE_URL:");
  }

  @Test
  void readsRateLimitsPerProviderOperation() {
    RateLimits limits =
        settings(
                "RATE_LIMIT_OPENAI_CHAT", "50",
                "RATE_LIMIT_OPENAI_EMBEDDINGS", "600/m",
                "RATE_LIMIT_TEXTRACT_DETECT", "1000/1h",
                "RATE_LIMIT_TEXTRACT_ANALYZE", "0",
                "RATE_LIMIT_SOMETHING_ELSE", "whatever")
            .rateLimits();
    assertThat(limits.rate(Provider.OPENAI, "chat")).contains(new Rate(50, Duration.ofSeconds(1)));
    assertThat(limits.rate(Provider.OPENAI, "CHAT"))
        .isEqualTo(limits.rate(Provider.OPENAI, "chat"));
    assertThat(limits.rate(Provider.OPENAI, "embeddings"))
        .contains(new Rate(600, Duration.ofMinutes(1)));
    assertThat(limits.rate(Provider.TEXTRACT, "detect"))
        .contains(new Rate(1000, Duration.ofHours(1)));
    assertThat(limits.rate(Provider.TEXTRACT, "analyze")).isEmpty();
    assertThat(limits.rate(Provider.OPENAI, "unset")).isEmpty();
    assertThat(new Rate(10, Duration.ofSeconds(1)).spacing()).isEqualTo(Duration.ofMillis(100));
    assertThat(RateLimits.none().rates()).isEmpty();
  }

  @Test
  void aBadRateNamesItsVariable() {
    for (String bad : new String[] {"fast", "-1", "10/", "10/0s", "10/fortnight"}) {
      assertThatThrownBy(() -> settings("RATE_LIMIT_OPENAI_CHAT", bad))
          .as(bad)
          .hasMessageStartingWith("RATE_LIMIT_OPENAI_CHAT: expected calls per second");
    }
    assertThatThrownBy(() -> settings("RATE_LIMIT_OPENAI_", "5"))
        .hasMessageStartingWith("RATE_LIMIT_OPENAI_: expected RATE_LIMIT_OPENAI_<OPERATION>");
  }
}
