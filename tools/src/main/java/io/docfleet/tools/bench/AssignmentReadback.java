package io.docfleet.tools.bench;

import io.docfleet.queue.TaskAssignments;
import io.docfleet.redis.FleetContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads back what the workers recorded for a run's tasks: {@code started_at}, {@code completed_at}
 * and {@code attempts} of every task's record in {@code {tasks:<type>}:assignments}, one HMGET per
 * thousand tasks ({@link TaskAssignments#readAll}). Runs after the server's counters were read, so
 * it does not count as the run's traffic.
 */
final class AssignmentReadback {
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

  private final TaskAssignments assignments;
  private final String type;

  AssignmentReadback(FleetContext fleet, String type) {
    this.assignments = new TaskAssignments(fleet);
    this.type = type;
  }

  Recorded read(Enqueuer.Enqueued run) {
    int n = run.count();
    List<String> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add(run.taskId(i));
    }
    List<Map<String, String>> records = assignments.readAll(type, ids);
    long[] started = new long[n];
    long[] completed = new long[n];
    int[] attempts = new int[n];
    for (int i = 0; i < n; i++) {
      Map<String, String> fields = records.get(i);
      started[i] = number(fields.get("started_at"));
      completed[i] = number(fields.get("completed_at"));
      attempts[i] = (int) number(fields.get("attempts"));
    }
    return new Recorded(started, completed, attempts);
  }

  private static long number(String value) {
    return value == null ? -1 : Long.parseLong(value);
  }
}
