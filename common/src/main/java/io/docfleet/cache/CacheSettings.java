package io.docfleet.cache;

import io.docfleet.config.ConfigException;
import io.docfleet.config.Env;
import io.docfleet.config.RedisSettings;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * How the provider cache behaves, read once from the environment: {@code REDIS_ENABLE_OPTIMIZATION}
 * (the switch), {@code REDIS_CACHE_URL} (an instance of its own), {@code CACHE_TTL_OCR} / {@code
 * _ENTITIES} / {@code _STRUCTURED}, {@code CACHE_TIMEOUT}, {@code CACHE_LOCK_WAIT}, {@code
 * CACHE_COMPRESS_THRESHOLD}, {@code CACHE_METRICS_INTERVAL} and the {@code RATE_LIMIT_*} variables.
 */
public record CacheSettings(
    boolean enabled,
    Optional<RedisSettings> ownRedis,
    Map<CacheType, Duration> ttls,
    Duration timeout,
    Duration lockWait,
    int compressThreshold,
    Duration metricsInterval,
    RateLimits rateLimits) {

  public static final Duration DEFAULT_TTL = Duration.ofDays(30);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(250);
  public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(60);
  public static final int DEFAULT_COMPRESS_THRESHOLD = 4096;
  public static final Duration DEFAULT_METRICS_INTERVAL = Duration.ofSeconds(5);

  public CacheSettings {
    EnumMap<CacheType, Duration> all = new EnumMap<>(CacheType.class);
    for (CacheType type : CacheType.values()) {
      all.put(type, ttls.getOrDefault(type, DEFAULT_TTL));
    }
    ttls = Collections.unmodifiableMap(all);
  }

  /** The defaults, as a process with no cache variables gets them. */
  public static CacheSettings defaults() {
    return fromEnv(new Env(Map.of()));
  }

  /** Reads the settings; throws {@link ConfigException} naming the first bad variable. */
  public static CacheSettings fromEnv(Env env) {
    Map<CacheType, Duration> ttls = new EnumMap<>(CacheType.class);
    for (CacheType type : CacheType.values()) {
      ttls.put(type, positive(env, "CACHE_TTL_" + type.name(), DEFAULT_TTL));
    }
    Optional<RedisSettings> own =
        env.get("REDIS_CACHE_URL").map(url -> RedisSettings.fromEnv(env, "REDIS_CACHE_URL"));
    return new CacheSettings(
        env.bool("REDIS_ENABLE_OPTIMIZATION", true),
        own,
        ttls,
        positive(env, "CACHE_TIMEOUT", DEFAULT_TIMEOUT),
        positive(env, "CACHE_LOCK_WAIT", DEFAULT_LOCK_WAIT),
        env.positiveInt("CACHE_COMPRESS_THRESHOLD", DEFAULT_COMPRESS_THRESHOLD),
        positive(env, "CACHE_METRICS_INTERVAL", DEFAULT_METRICS_INTERVAL),
        RateLimits.fromEnv(env));
  }

  /** How long a result of this type is kept. */
  public Duration ttl(CacheType type) {
    return ttls.get(type);
  }

  /** The longest TTL: a document's index outlives every entry it lists. */
  public Duration longestTtl() {
    return ttls.values().stream().max(Duration::compareTo).orElse(DEFAULT_TTL);
  }

  private static Duration positive(Env env, String variable, Duration defaultValue) {
    Duration value = env.duration(variable, defaultValue);
    if (value.isZero()) {
      throw new ConfigException(variable, "a duration above 0", env.get(variable).orElse(""));
    }
    return value;
  }
}
