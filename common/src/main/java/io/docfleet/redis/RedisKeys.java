package io.docfleet.redis;

import java.util.List;
import java.util.Objects;

/**
 * The one place where docfleet's Redis key names are built; {@code docs/redis-keys.md} lists them.
 *
 * <p>Keys that one command or script touches together share a hash tag, so the same code runs on
 * Redis Cluster: everything a queue's scripts touch lives in the slot of {@code tasks:<type>} (a
 * key without braces hashes whole, which is exactly what the tag {@code {tasks:<type>}} hashes).
 * With an empty prefix the names are exactly the documented ones; a prefix (for tests or for
 * sharing one Redis between fleets) goes in front of every name, inside the tag.
 */
public final class RedisKeys {
  private final String prefix;

  public RedisKeys(String prefix) {
    this.prefix = Objects.requireNonNull(prefix, "prefix");
  }

  /** The prefix in front of every key; empty by default. */
  public String prefix() {
    return prefix;
  }

  /** {@code tasks:<type>}: ready tasks, LPUSH in, oldest out first. */
  public String ready(String type) {
    return prefix + "tasks:" + type;
  }

  /** {@code {tasks:<type>}:processing:<workerId>}: one worker's in-flight list for a type. */
  public String processing(String type, String workerId) {
    return queueTag(type) + ":processing:" + workerId;
  }

  /** {@code {tasks:<type>}:delayed}: sorted set of tasks by the time they are due. */
  public String delayed(String type) {
    return queueTag(type) + ":delayed";
  }

  /** {@code {tasks:<type>}:dead}: the dead-letter list. */
  public String dead(String type) {
    return queueTag(type) + ":dead";
  }

  /** {@code {tasks:<type>}:stats}: counters of the queue. */
  public String stats(String type) {
    return queueTag(type) + ":stats";
  }

  /** {@code {tasks:<type>}:paused}: present while workers must not claim the type. */
  public String paused(String type) {
    return queueTag(type) + ":paused";
  }

  /** {@code {tasks:<type>}:idempotency:<key>}: marks a submitted idempotency key. */
  public String idempotency(String type, String idempotencyKey) {
    return queueTag(type) + ":idempotency:" + idempotencyKey;
  }

  /** {@code queue:lock:<taskId>}: the Redisson lock held while a task item runs. */
  public String taskLock(String taskId) {
    return prefix + "queue:lock:" + taskId;
  }

  /** {@code task:assignments:<taskId>}: who ran a task, how often, and how it ended. */
  public String assignment(String taskId) {
    return prefix + "task:assignments:" + taskId;
  }

  /** {@code workers:<workerId>}: a worker's registration, kept alive by its heartbeat TTL. */
  public String worker(String workerId) {
    return prefix + "workers:" + workerId;
  }

  /** {@code workers:index}: every worker id that registered and was not reaped yet. */
  public String workersIndex() {
    return prefix + "workers:index";
  }

  /** {@code queues:index}: every task type a worker served or a task was submitted to. */
  public String queuesIndex() {
    return prefix + "queues:index";
  }

  /** {@code reaper:lock}: the Redisson lock that elects the one reaper of the fleet. */
  public String reaperLock() {
    return prefix + "reaper:lock";
  }

  /**
   * Glob patterns ({@code SCAN MATCH}) that together match every key under this prefix: plain names
   * and names inside a hash tag. Only meaningful for a non-empty prefix.
   */
  public List<String> scanPatterns() {
    String glob = prefix.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
    return List.of(glob + "*", "{" + glob + "*");
  }

  private String queueTag(String type) {
    return "{" + ready(type) + "}";
  }
}
