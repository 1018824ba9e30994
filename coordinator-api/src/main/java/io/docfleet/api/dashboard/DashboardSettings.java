package io.docfleet.api.dashboard;

import io.docfleet.config.ConfigException;
import io.docfleet.config.Env;
import java.time.Duration;
import java.util.Map;

/**
 * The live dashboard, read once from the environment.
 *
 * @param interval how often the coordinator samples the queues and pushes a snapshot to every open
 *     dashboard ({@code COORDINATOR_DASHBOARD_INTERVAL}, at least 100 ms)
 * @param history how much queue-depth and throughput history it keeps in memory and sends a
 *     dashboard that connects ({@code COORDINATOR_DASHBOARD_HISTORY}, from one to 60 minutes)
 */
public record DashboardSettings(Duration interval, Duration history) {
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
  public static final Duration DEFAULT_HISTORY = Duration.ofMinutes(60);

  public static DashboardSettings fromEnv(Env env) {
    Duration interval = env.duration("COORDINATOR_DASHBOARD_INTERVAL", DEFAULT_INTERVAL);
    if (interval.toMillis() < 100) {
      throw new ConfigException(
          "COORDINATOR_DASHBOARD_INTERVAL", "a duration of at least 100ms", interval.toString());
    }
    Duration history = env.duration("COORDINATOR_DASHBOARD_HISTORY", DEFAULT_HISTORY);
    if (history.toMinutes() < 1 || history.toMinutes() > 60 || history.toMillis() % 60_000 != 0) {
      throw new ConfigException(
          "COORDINATOR_DASHBOARD_HISTORY", "whole minutes from 1m to 60m", history.toString());
    }
    return new DashboardSettings(interval, history);
  }

  public static DashboardSettings defaults() {
    return fromEnv(new Env(Map.of()));
  }

  /** How many queue-depth samples the history holds. */
  public int samples() {
    return (int) Math.max(1, history.toMillis() / interval.toMillis());
  }

  /** How many whole minutes of throughput the history holds. */
  public int minutes() {
    return (int) history.toMinutes();
  }
}
