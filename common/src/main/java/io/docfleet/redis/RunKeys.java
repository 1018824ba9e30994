package io.docfleet.redis;

import static io.docfleet.redis.KeyParts.redissonLockChannel;

import io.docfleet.task.Priority;

/**
 * The names of a run's lock, of the task records and of the queue's lanes, from {@link
 * RedisKeys#runs()}: all in the queue's hash slot ({@code {tasks:<type>}}), so the scripts that
 * claim and end runs take, release and write them in the same call. The scripts build a lock's name
 * from {@link #lockPrefix} and the task id an item holds.
 */
public final class RunKeys {
  private final RedisKeys keys;

  RunKeys(RedisKeys keys) {
    this.keys = keys;
  }

  /**
   * {@code {tasks:<type>}:lock:<taskId>}: the run lock held while a task item runs, in Redisson's
   * lock format.
   */
  public String lock(String type, String taskId) {
    return lockPrefix(type) + taskId;
  }

  /** {@code {tasks:<type>}:lock:}: a run lock's name without the task id. */
  public String lockPrefix(String type) {
    return keys.queueTag(type) + ":lock:";
  }

  /** {@code redisson_lock__channel:{tasks:<type>}:lock:<taskId>}: the run lock's channel. */
  public String lockChannel(String type, String taskId) {
    return lockChannelPrefix(type) + taskId;
  }

  /**
   * The channel of a run lock of {@code type} without the task id: Redisson's waiters listen on it,
   * and Redisson keeps a lock name that has a hash tag as it is.
   */
  public String lockChannelPrefix(String type) {
    return redissonLockChannel(lockPrefix(type));
  }

  /**
   * {@code {tasks:<type>}:assignments}: one hash per queue, each field a task id, its value the
   * task's record (JSON: who ran it, how often, how it ended; {@code
   * io.docfleet.queue.TaskRecord}).
   */
  public String assignments(String type) {
    return keys.queueTag(type) + ":assignments";
  }

  /**
   * {@code {tasks:<type>}:assignments:expiry}: the task ids of {@link #assignments}, each scored by
   * the time (epoch ms) its record expires; a periodic pass removes the expired records.
   */
  public String assignmentsExpiry(String type) {
    return assignments(type) + ":expiry";
  }

  /**
   * The ready list of one lane: {@code tasks:<type>} for {@code normal} (the list foreign ingesters
   * push to and KEDA counts, unchanged), {@code {tasks:<type>}:high} and {@code {tasks:<type>}:low}
   * for the others.
   */
  public String lane(String type, Priority lane) {
    return lane == Priority.NORMAL ? keys.ready(type) : keys.queueTag(type) + ":" + lane.wireName();
  }

  /**
   * {@code {tasks:<type>}:lanes}: the claim script's turn state between the lanes (a hash, one
   * field per lane: its current weight in the smooth weighted round robin), so the lanes' shares
   * hold across many small claims.
   */
  public String laneTurns(String type) {
    return keys.queueTag(type) + ":lanes";
  }

  /** {@code {tasks:<type>}:paused:<lane>}: present while workers must not claim from that lane. */
  public String lanePaused(String type, Priority lane) {
    return keys.paused(type) + ":" + lane.wireName();
  }
}
