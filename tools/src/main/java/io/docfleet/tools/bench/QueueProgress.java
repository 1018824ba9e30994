package io.docfleet.tools.bench;

import io.docfleet.queue.QueueCounter;
import io.docfleet.queue.QueueCounters;
import io.docfleet.redis.RedisKeys;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
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
  static final List<QueueCounter> COUNTERS =
      List.of(
          QueueCounter.SUBMITTED,
          QueueCounter.COMPLETED,
          QueueCounter.DUPLICATES,
          QueueCounter.STALE,
          QueueCounter.FAILED,
          QueueCounter.RETRIED,
          QueueCounter.DEAD_LETTERED);

  /** The hash fields the counters are read from: their wire names, and their legacy names. */
  private static final Set<String> FIELDS = fields();

  private static final Duration POLL = Duration.ofMillis(20);

  private final RMap<String, String> stats;
  private final AtomicLong looks = new AtomicLong();

  QueueProgress(RedissonClient redis, RedisKeys keys, String type) {
    this.stats = redis.getMap(keys.stats(type), StringCodec.INSTANCE);
  }

  /** The counters now, by wire name; absent ones are 0. */
  Map<String, Long> counters() {
    looks.incrementAndGet();
    QueueCounters read = QueueCounters.fromHash(stats.getAll(FIELDS));
    Map<String, Long> counters = new HashMap<>();
    for (QueueCounter counter : COUNTERS) {
      counters.put(counter.wireName(), read.get(counter));
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
  Map<String, Long> awaitFinished(long target, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Map<String, Long> now = counters();
      if (finished(now) >= target) {
        return now;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "tasks did not finish within " + timeout + ": " + now + ", waiting for " + target);
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  /** Tasks that reached an end: completed, dropped as duplicates, or dead-lettered. */
  static long finished(Map<String, Long> counters) {
    return counters.get(QueueCounter.COMPLETED.wireName())
        + counters.get(QueueCounter.DUPLICATES.wireName())
        + counters.get(QueueCounter.DEAD_LETTERED.wireName());
  }

  private static Set<String> fields() {
    Set<String> fields = new HashSet<>();
    for (QueueCounter counter : COUNTERS) {
      fields.add(counter.wireName());
      counter.legacyName().ifPresent(fields::add);
    }
    return Set.copyOf(fields);
  }
}
