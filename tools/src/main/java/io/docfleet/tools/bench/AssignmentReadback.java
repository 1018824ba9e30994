package io.docfleet.tools.bench;

import io.docfleet.redis.RedisKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Reads back what the workers recorded for a run's tasks: {@code started_at}, {@code completed_at}
 * and {@code attempts} of every {@code task:assignments:<id>}, one pipelined batch of HMGETs per
 * thousand tasks. Runs after the server's counters were read, so it does not count as the run's
 * traffic.
 */
final class AssignmentReadback {
  private static final int PIPELINE = 1_000;
  private static final Set<String> FIELDS = Set.of("started_at", "completed_at", "attempts");

  /** Per task: epoch ms of start and completion (-1 when missing) and the attempts recorded. */
  record Recorded(long[] startedAt, long[] completedAt, int[] attempts) {
    int missing() {
      int missing = 0;
      for (long at : completedAt) {
        if (at < 0) {
          missing++;
        }
      }
      return missing;
    }

    int retried() {
      int retried = 0;
      for (int attempt : attempts) {
        if (attempt > 1) {
          retried++;
        }
      }
      return retried;
    }

    /** Tasks per second from the first completion to the last. */
    double completionsPerSecond() {
      long first = Long.MAX_VALUE;
      long last = Long.MIN_VALUE;
      int done = 0;
      for (long at : completedAt) {
        if (at >= 0) {
          first = Math.min(first, at);
          last = Math.max(last, at);
          done++;
        }
      }
      return done < 2 ? 0 : (done - 1) * 1000.0 / Math.max(1, last - first);
    }

    /** Start minus enqueue time, per task that started, in ms. */
    long[] startLatencies(long[] enqueuedAt) {
      long[] latencies = new long[startedAt.length];
      int n = 0;
      for (int i = 0; i < startedAt.length; i++) {
        if (startedAt[i] >= 0) {
          latencies[n++] = startedAt[i] - enqueuedAt[i];
        }
      }
      return java.util.Arrays.copyOf(latencies, n);
    }
  }

  private final RedissonClient redis;
  private final RedisKeys keys;

  AssignmentReadback(RedissonClient redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  Recorded read(Enqueuer.Enqueued run) {
    int n = run.count();
    long[] started = new long[n];
    long[] completed = new long[n];
    int[] attempts = new int[n];
    for (int from = 0; from < n; from += PIPELINE) {
      int to = Math.min(n, from + PIPELINE);
      RBatch batch = redis.createBatch();
      List<RFuture<Map<String, String>>> replies = new ArrayList<>(to - from);
      for (int i = from; i < to; i++) {
        replies.add(
            batch
                .<String, String>getMap(keys.assignment(run.taskId(i)), StringCodec.INSTANCE)
                .getAllAsync(FIELDS));
      }
      batch.execute();
      for (int i = from; i < to; i++) {
        Map<String, String> fields = replies.get(i - from).toCompletableFuture().join();
        started[i] = number(fields.get("started_at"));
        completed[i] = number(fields.get("completed_at"));
        attempts[i] = (int) number(fields.get("attempts"));
      }
    }
    return new Recorded(started, completed, attempts);
  }

  private static long number(String value) {
    return value == null ? -1 : Long.parseLong(value);
  }
}
