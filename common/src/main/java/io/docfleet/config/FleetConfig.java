package io.docfleet.config;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * The fleet's configuration, read once from the environment at start-up. Every field has a named
 * default; a bad value fails with a {@link ConfigException} naming the variable.
 */
public record FleetConfig(
    RedisSettings redis, String keyPrefix, WorkerSettings worker, QueueSettings queue) {

  /** Reads the whole configuration; throws {@link ConfigException} on the first bad value. */
  public static FleetConfig fromEnv(Env env) {
    return new FleetConfig(
        RedisSettings.fromEnv(env),
        env.string("DOCFLEET_KEY_PREFIX", ""),
        WorkerSettings.fromEnv(env),
        QueueSettings.fromEnv(env));
  }

  /** The settings of one worker process. */
  public record WorkerSettings(
      String id,
      List<String> taskTypes,
      Concurrency concurrency,
      Duration heartbeatInterval,
      Duration ttl,
      Duration shutdownGrace,
      Duration reaperInterval,
      Duration promoterInterval) {

    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(15);
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_REAPER_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_PROMOTER_INTERVAL = Duration.ofSeconds(1);

    public WorkerSettings {
      taskTypes = List.copyOf(taskTypes);
    }

    static WorkerSettings fromEnv(Env env) {
      Duration heartbeat = env.duration("HEARTBEAT_INTERVAL", DEFAULT_HEARTBEAT_INTERVAL);
      Duration ttl = env.duration("WORKER_TTL", DEFAULT_TTL);
      if (heartbeat.isZero()) {
        throw new ConfigException("HEARTBEAT_INTERVAL", "a duration above 0", "0");
      }
      if (ttl.compareTo(heartbeat.multipliedBy(2)) < 0) {
        throw new ConfigException(
            "WORKER_TTL: expected at least twice HEARTBEAT_INTERVAL ("
                + heartbeat.multipliedBy(2).toMillis()
                + "ms), got "
                + ttl.toMillis()
                + "ms");
      }
      List<String> types = env.list("WORKER_TASK_TYPES", List.of());
      for (String type : types) {
        if (!TaskTypeNames.isValid(type)) {
          throw new ConfigException("WORKER_TASK_TYPES", TaskTypeNames.ACCEPTS, type);
        }
      }
      return new WorkerSettings(
          env.string("WORKER_ID", WorkerIds.generate()),
          types,
          env.get("WORKER_CONCURRENCY")
              .map(v -> Concurrency.parse("WORKER_CONCURRENCY", v))
              .orElse(new Concurrency(Concurrency.DEFAULT, java.util.Map.of())),
          heartbeat,
          ttl,
          env.duration("SHUTDOWN_GRACE", DEFAULT_SHUTDOWN_GRACE),
          env.duration("REAPER_INTERVAL", DEFAULT_REAPER_INTERVAL),
          env.duration("DELAYED_POLL_INTERVAL", DEFAULT_PROMOTER_INTERVAL));
    }
  }

  /**
   * How the queue treats tasks: attempts, backoff, how long records are kept, and how long a submit
   * or a run's begin and completion wait for a replica to acknowledge them (zero: never), and how
   * claims share out between the lanes.
   */
  public record QueueSettings(
      int maxAttempts,
      Duration backoffBase,
      Duration backoffMax,
      Duration assignmentRetention,
      Duration idempotencyWindow,
      Duration replicaAckTimeout,
      LaneWeights laneWeights,
      OptionalInt groupConcurrency) {

    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final Duration DEFAULT_BACKOFF_BASE = Duration.ofSeconds(1);
    public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofMinutes(5);
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(24);
    public static final Duration DEFAULT_REPLICA_ACK_TIMEOUT = Duration.ofSeconds(1);

    /**
     * Every group's limit on its tasks in flight at once per type, across the fleet, that a worker
     * sets on the types it serves when it starts (0 removes it; unset leaves what is set).
     */
    public static final String GROUP_CONCURRENCY = "QUEUE_GROUP_CONCURRENCY";

    /** The defaults, as a worker with no environment gets them. */
    public static QueueSettings defaults() {
      return fromEnv(new Env(java.util.Map.of()));
    }

    static QueueSettings fromEnv(Env env) {
      Duration base = env.duration("RETRY_BACKOFF_BASE", DEFAULT_BACKOFF_BASE);
      Duration max = env.duration("RETRY_BACKOFF_MAX", DEFAULT_BACKOFF_MAX);
      if (max.compareTo(base) < 0) {
        throw new ConfigException(
            "RETRY_BACKOFF_MAX: expected at least RETRY_BACKOFF_BASE ("
                + base.toMillis()
                + "ms), got "
                + max.toMillis()
                + "ms");
      }
      return new QueueSettings(
          env.positiveInt("TASK_MAX_ATTEMPTS", DEFAULT_MAX_ATTEMPTS),
          base,
          max,
          env.duration("TASK_ASSIGNMENT_RETENTION", DEFAULT_RETENTION),
          env.duration("TASK_IDEMPOTENCY_WINDOW", DEFAULT_RETENTION),
          env.duration("REDIS_REPLICA_ACK_TIMEOUT", DEFAULT_REPLICA_ACK_TIMEOUT),
          LaneWeights.fromEnv(env),
          env.count(GROUP_CONCURRENCY));
    }
  }
}
