package io.docfleet.api.redismonitor;

import io.docfleet.config.ConfigException;
import io.docfleet.config.Env;

/**
 * The Redis monitor, read once from the environment.
 *
 * @param enabled whether the coordinator serves the monitor on a port of its own ({@code
 *     REDIS_MONITOR_ENABLED}, off by default)
 * @param port that port ({@code REDIS_MONITOR_PORT}, 8090), on the address the API listens on
 */
public record RedisMonitorSettings(boolean enabled, int port) {
  public static final int DEFAULT_PORT = 8090;

  public static RedisMonitorSettings fromEnv(Env env) {
    int port = env.positiveInt("REDIS_MONITOR_PORT", DEFAULT_PORT);
    if (port > 65535) {
      throw new ConfigException(
          "REDIS_MONITOR_PORT", "a port from 1 to 65535", Integer.toString(port));
    }
    return new RedisMonitorSettings(env.bool("REDIS_MONITOR_ENABLED", false), port);
  }
}
