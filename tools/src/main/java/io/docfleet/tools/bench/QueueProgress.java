package io.docfleet.tools.bench;

import io.docfleet.redis.RedisKeys;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.redisson.api.RMap;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Watches a queue's counters ({@code {tasks:<type>}:stats}) with one HMGET per look, and counts its
 * looks so that they can be taken out of the server's command counts.
 */
final class QueueProgress {
  static final List<String> COUNTERS =
      List.of(
          "submitted",
          "completed",
          "duplicates_suppressed",
          "stale_completions",
          "failed",
          "retried",
          "dead");
  private static final Duration POLL = Duration.ofMillis(20);

  private final RMap<String, String> stats;
  private final AtomicLong looks = new AtomicLong();

  QueueProgress(RedissonClient redis, RedisKeys keys, String type) {
    this.stats = redis.getMap(keys.stats(type), StringCodec.INSTANCE);
  }

  /** The counters now; absent ones are 0. */
  Map<String, Long> counters() {
    looks.incrementAndGet();
    Map<String, String> raw = stats.getAll(Set.copyOf(COUNTERS));
    Map<String, Long> counters = new HashMap<>();
    for (String name : COUNTERS) {
      String value = raw.get(name);
      counters.put(name, value == null ? 0 : Long.parseLong(value));
    }
    return counters;
  }

  /** HMGETs sent so far. */
  long looks() {
    return looks.get();
  }

  /**
   * Waits until {@code completed} plus the other final outcomes reach {@code target}; returns the
   * counters then.
   */
  Map<String, Long> awaitSettled(long target, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Map<String, Long> now = counters();
      if (settled(now) >= target) {
        return now;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "tasks did not settle within " + timeout + ": " + now + ", waiting for " + target);
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  /** Tasks that reached an end: completed, dropped as duplicates, or dead-lettered. */
  static long settled(Map<String, Long> counters) {
    return counters.get("completed") + counters.get("duplicates_suppressed") + counters.get("dead");
  }
}
