package io.docfleet.api.background;

import io.docfleet.config.ConfigException;
import io.docfleet.config.Env;
import java.time.Duration;

/**
 * The coordinator's background work, read once from the environment.
 *
 * @param leaderLease how long the leader's election lock lives without renewal ({@code
 *     LEADER_LEASE}); renewed every third of it, so a dead leader is replaced within one lease
 * @param reconcileInterval how often the leader reconciles ({@code RECONCILE_INTERVAL})
 * @param reconcileGrace documents changed more recently are left alone ({@code RECONCILE_GRACE}): a
 *     submit or a stage may be under way
 * @param reconcileBatch documents read and checked per round trip ({@code RECONCILE_BATCH})
 * @param warmingEnabled whether the leader warms the cache when it is elected ({@code
 *     REDIS_CACHE_WARMING_ENABLED})
 * @param warmingHours documents completed within this many hours are warmed ({@code
 *     REDIS_CACHE_WARMING_HOURS})
 * @param warmingLimit at most this many documents are warmed ({@code REDIS_CACHE_WARMING_LIMIT})
 */
public record BackgroundSettings(
    Duration leaderLease,
    Duration reconcileInterval,
    Duration reconcileGrace,
    int reconcileBatch,
    boolean warmingEnabled,
    int warmingHours,
    int warmingLimit) {

  public static final Duration DEFAULT_LEADER_LEASE = Duration.ofSeconds(15);
  public static final Duration DEFAULT_RECONCILE_INTERVAL = Duration.ofSeconds(60);
  public static final Duration DEFAULT_RECONCILE_GRACE = Duration.ofMinutes(2);
  public static final int DEFAULT_RECONCILE_BATCH = 500;
  public static final int DEFAULT_WARMING_HOURS = 24;
  public static final int DEFAULT_WARMING_LIMIT = 1000;

  public static BackgroundSettings fromEnv(Env env) {
    Duration lease = env.duration("LEADER_LEASE", DEFAULT_LEADER_LEASE);
    if (lease.toMillis() < 3_000) {
      throw new ConfigException("LEADER_LEASE", "a duration of at least 3s", lease.toString());
    }
    Duration interval = env.duration("RECONCILE_INTERVAL", DEFAULT_RECONCILE_INTERVAL);
    if (interval.isZero()) {
      throw new ConfigException("RECONCILE_INTERVAL", "a duration above 0", "0");
    }
    return new BackgroundSettings(
        lease,
        interval,
        env.duration("RECONCILE_GRACE", DEFAULT_RECONCILE_GRACE),
        env.positiveInt("RECONCILE_BATCH", DEFAULT_RECONCILE_BATCH),
        env.bool("REDIS_CACHE_WARMING_ENABLED", true),
        env.positiveInt("REDIS_CACHE_WARMING_HOURS", DEFAULT_WARMING_HOURS),
        env.positiveInt("REDIS_CACHE_WARMING_LIMIT", DEFAULT_WARMING_LIMIT));
  }

  public static BackgroundSettings defaults() {
    return fromEnv(new Env(java.util.Map.of()));
  }
}
