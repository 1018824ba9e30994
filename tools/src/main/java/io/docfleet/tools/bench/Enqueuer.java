package io.docfleet.tools.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.task.Priority;
import io.docfleet.task.Task;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Submits a run's tasks through {@link TaskSubmitter}, in batches: either as fast as it can, or
 * paced at an offered rate. Each batch is stamped with its submit time as {@code enqueuedAt}, which
 * is where enqueue-to-start latency is measured from. Task ids are {@code <run>-<n>}.
 */
final class Enqueuer {
  /** The paced enqueuer submits at most once a millisecond, whatever is due by then. */
  private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  /** What was submitted: how many, when each was stamped, and how long submitting took. */
  record Enqueued(String run, int count, long[] enqueuedAtMillis, long nanos) {
    String taskId(int index) {
      return run + "-" + index;
    }

    double tasksPerSecond() {
      return count * 1e9 / Math.max(1, nanos);
    }
  }

  private final TaskSubmitter submitter;
  private final String type;
  private final ObjectNode payload;
  private final int batch;
  private final Clock clock;

  Enqueuer(TaskSubmitter submitter, String type, ObjectNode payload, int batch, Clock clock) {
    this.submitter = submitter;
    this.type = type;
    this.payload = payload;
    this.batch = batch;
    this.clock = clock;
  }

  /** The payload every task of the run carries. */
  ObjectNode payload() {
    return payload;
  }

  /** Submits {@code count} tasks as fast as one submitting thread can. */
  Enqueued burst(String run, int count) {
    return burst(run, count, Priority.NORMAL);
  }

  /** As {@link #burst(String, int)}, into the lane of {@code priority}. */
  Enqueued burst(String run, int count, Priority priority) {
    long[] stamps = new long[count];
    long start = System.nanoTime();
    for (int next = 0; next < count; ) {
      next = submit(run, next, Math.min(count, next + batch), stamps, priority);
    }
    return new Enqueued(run, count, stamps, System.nanoTime() - start);
  }

  /** Submits {@code count} tasks at {@code rate} tasks/s (0: as fast as possible). */
  Enqueued paced(String run, int count, int rate) {
    if (rate == 0) {
      return burst(run, count);
    }
    long[] stamps = new long[count];
    long start = System.nanoTime();
    int sent = 0;
    while (sent < count) {
      long elapsed = System.nanoTime() - start;
      int due = (int) Math.min(count, elapsed * rate / 1_000_000_000L);
      if (due > sent) {
        sent = submit(run, sent, Math.min(due, sent + batch), stamps, Priority.NORMAL);
      }
      if (sent < count) {
        long nextDue = (sent + 1L) * 1_000_000_000L / rate;
        LockSupport.parkNanos(Math.max(TICK_NANOS, nextDue - (System.nanoTime() - start)));
      }
    }
    return new Enqueued(run, count, stamps, System.nanoTime() - start);
  }

  private int submit(String run, int from, int to, long[] stamps, Priority priority) {
    long now = clock.millis();
    List<Task> tasks = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      stamps[i] = now;
      tasks.add(
          Task.of(run + "-" + i, type, payload)
              .withEnqueuedAt(java.time.Instant.ofEpochMilli(now))
              .withPriority(priority));
    }
    submitter.submitAll(tasks);
    return to;
  }
}
