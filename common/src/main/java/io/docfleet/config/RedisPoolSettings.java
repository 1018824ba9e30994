package io.docfleet.config;

import java.time.Duration;

/**
 * The connection pool each Redis client of a process keeps to every Redis primary, and how often
 * the process logs its pools' statistics: {@code REDIS_POOL_SIZE}, {@code REDIS_POOL_MIN_IDLE},
 * {@code REDIS_POOL_IDLE_TIMEOUT} and {@code REDIS_MONITOR_INTERVAL}. The queue's client and the
 * cache's own ({@code REDIS_CACHE_URL}) each get such a pool.
 */
public record RedisPoolSettings(
    int size, int minIdle, Duration idleTimeout, Duration monitorInterval) {

  public static final int DEFAULT_SIZE = 64;
  public static final int DEFAULT_MIN_IDLE = 4;
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_MONITOR_INTERVAL = Duration.ofMinutes(5);

  public RedisPoolSettings {
    if (size < 1) {
      throw new ConfigException("REDIS_POOL_SIZE", "a whole number above 0", "" + size);
    }
    if (minIdle < 0 || minIdle > size) {
      throw new ConfigException(
          "REDIS_POOL_MIN_IDLE",
          "a whole number from 0 to REDIS_POOL_SIZE (" + size + ")",
          "" + minIdle);
    }
    if (idleTimeout.isZero() || idleTimeout.isNegative()) {
      throw new ConfigException(
          "REDIS_POOL_IDLE_TIMEOUT", "a duration above 0", idleTimeout.toMillis() + "ms");
    }
  }

  /** The defaults, as a process with no pool variables gets them. */
  public static RedisPoolSettings defaults() {
    return fromEnv(new Env(java.util.Map.of()));
  }

  /** Reads the settings; throws {@link ConfigException} naming the first bad variable. */
  public static RedisPoolSettings fromEnv(Env env) {
    int size = env.positiveInt("REDIS_POOL_SIZE", DEFAULT_SIZE);
    return new RedisPoolSettings(
        size,
        wholeNumber(env, "REDIS_POOL_MIN_IDLE", Math.min(DEFAULT_MIN_IDLE, size)),
        env.duration("REDIS_POOL_IDLE_TIMEOUT", DEFAULT_IDLE_TIMEOUT),
        env.duration("REDIS_MONITOR_INTERVAL", DEFAULT_MONITOR_INTERVAL));
  }

  /**
   * Whether the statistics line is logged at all ({@code REDIS_MONITOR_INTERVAL=0} turns it off).
   */
  public boolean logsStatistics() {
    return !monitorInterval.isZero();
  }

  private static int wholeNumber(Env env, String variable, int defaultValue) {
    return env.get(variable)
        .map(
            value -> {
              try {
                return Integer.parseInt(value);
              } catch (NumberFormatException e) {
                throw new ConfigException(variable, "a whole number from 0", value);
              }
            })
        .orElse(defaultValue);
  }
}
