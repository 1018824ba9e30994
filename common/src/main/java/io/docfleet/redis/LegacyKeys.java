package io.docfleet.redis;

/**
 * The names a run's keys had before issue 12 put every key of a run in its queue's hash slot, read
 * for one release only: by the reaper and a starting worker (what a dead older worker left in
 * flight), by the record lookups (as a fallback), by {@code migrate-keys}, which moves them, and by
 * the Redis monitor, which counts what is left of them.
 */
public final class LegacyKeys {
  private final RedisKeys keys;

  LegacyKeys(RedisKeys keys) {
    this.keys = keys;
  }

  /** {@code {tasks:<type>}:processing:<workerId>}: a worker's in-flight list. */
  public String inFlight(String type, String workerId) {
    return keys.queueTag(type) + ":processing:" + workerId;
  }

  /** {@code queue:lock:<taskId>}: a run's lock, in a slot of its own. */
  public String lock(String taskId) {
    return keys.prefix() + "queue:lock:" + taskId;
  }

  /** {@code task:assignments:<taskId>}: a task's record, a hash of its own. */
  public String assignment(String taskId) {
    return keys.prefix() + "task:assignments:" + taskId;
  }
}
