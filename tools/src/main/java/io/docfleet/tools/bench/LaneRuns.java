package io.docfleet.tools.bench;

import io.docfleet.queue.TaskAssignments;
import io.docfleet.redis.FleetContext;
import io.docfleet.task.Priority;
import io.docfleet.task.Task;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.redisson.api.RBucket;
import org.redisson.api.RDeque;
import org.redisson.client.codec.StringCodec;

/**
 * The priority lanes' runs, against workers that are already up:
 *
 * <ul>
 *   <li><b>lane probes</b> ({@code --lane-probes N}): a backlog of {@code --tasks} tasks is queued
 *       in the normal lane (paused, then resumed), and while it drains N high tasks are pushed one
 *       at a time with {@code LPUSH {tasks:<type>}:high}, as a foreign client would, one every
 *       {@link #PROBE_EVERY}; measures their enqueue-to-start latency (p50, p99, max) and how many
 *       were pushed while the backlog still waited;
 *   <li><b>low share</b> ({@code --low-share N}): N normal and N low tasks queued together (paused,
 *       then resumed); measures low and normal tasks/s while the normal lane still had work, from
 *       the records' completion times: with {@code QUEUE_LANE_WEIGHTS} at its default the ratio is
 *       about 1 low to 3 normal.
 * </ul>
 */
final class LaneRuns {
  static final Duration PROBE_EVERY = Duration.ofMillis(50);
  private static final Duration PAUSE_QUIET = Duration.ofMillis(1_500);

  /** What the probes measured. */
  record Probes(int backlog, LatencySummary latency, int underBacklog, int missing) {
    void print(PrintStream out) {
      out.printf(
          "lane probes: %d high tasks pushed by LPUSH while %d normal tasks drained (%d of them"
              + " while the backlog still waited); enqueue-to-start ms p50 %d, p99 %d, max %d%s%n",
          latency.count() + missing,
          backlog,
          underBacklog,
          latency.p50(),
          latency.p99(),
          latency.max(),
          missing > 0 ? "; " + missing + " probes never started" : "");
    }
  }

  /** What the low-share run measured, while the normal lane had work. */
  record Share(int each, double normalPerSecond, double lowPerSecond) {
    void print(PrintStream out) {
      out.printf(
          "low share: %d normal and %d low tasks queued together; while the normal lane had work,"
              + " %.0f normal tasks/s and %.0f low tasks/s (low : normal = 1 : %.2f)%n",
          each,
          each,
          normalPerSecond,
          lowPerSecond,
          lowPerSecond == 0 ? Double.POSITIVE_INFINITY : normalPerSecond / lowPerSecond);
    }
  }

  private final BenchTarget target;
  private final FleetContext fleet;
  private final TaskAssignments assignments;
  private final RBucket<String> paused;

  LaneRuns(BenchTarget target, FleetContext fleet) {
    this.target = target;
    this.fleet = fleet;
    this.assignments = new TaskAssignments(fleet);
    this.paused =
        target.redis().getBucket(target.keys().paused(target.type()), StringCodec.INSTANCE);
  }

  /**
   * Waits until the worker has finished a task of the backlog: a worker that found its type paused
   * sleeps half a second before it looks again, and a probe pushed in that sleep measured the
   * sleep, not the lanes (the first version's p99 of 151 ms).
   */
  private void awaitDraining(long before) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (QueueProgress.finished(target.progress().counters()) <= before
        && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }

  Probes probes(int backlog, int probes) throws InterruptedException {
    long before = QueueProgress.finished(target.progress().counters());
    paused.set("1");
    Thread.sleep(PAUSE_QUIET.toMillis());
    target.enqueuer().burst("backlog", backlog);
    paused.delete();
    awaitDraining(before);
    RDeque<String> high =
        target
            .redis()
            .getDeque(
                target.keys().runs().lane(target.type(), Priority.HIGH), StringCodec.INSTANCE);
    String normal = target.keys().ready(target.type());
    long[] pushedAt = new long[probes];
    List<String> ids = new ArrayList<>(probes);
    int underBacklog = 0;
    for (int i = 0; i < probes; i++) {
      Thread.sleep(PROBE_EVERY.toMillis());
      String id = "probe-" + i;
      ids.add(id);
      pushedAt[i] = fleet.clock().millis();
      Task probe =
          Task.of(id, target.type(), target.enqueuer().payload())
              .withEnqueuedAt(Instant.ofEpochMilli(pushedAt[i]))
              .withPriority(Priority.HIGH);
      high.addFirst(fleet.codec().encode(probe));
      underBacklog += target.redis().getList(normal, StringCodec.INSTANCE).size() > 0 ? 1 : 0;
    }
    target.progress().awaitFinished(before + backlog + probes, timeoutFor(backlog + probes));
    List<Map<String, String>> records = assignments.readAll(target.type(), ids);
    long[] latencies = new long[probes];
    int started = 0;
    for (int i = 0; i < probes; i++) {
      String at = records.get(i).get("started_at");
      if (at != null) {
        latencies[started++] = Long.parseLong(at) - pushedAt[i];
      }
    }
    return new Probes(
        backlog,
        LatencySummary.of(java.util.Arrays.copyOf(latencies, started)),
        underBacklog,
        probes - started);
  }

  Share lowShare(int each) throws InterruptedException {
    long before = QueueProgress.finished(target.progress().counters());
    paused.set("1");
    Thread.sleep(PAUSE_QUIET.toMillis());
    Enqueuer.Enqueued normal = target.enqueuer().burst("share-normal", each, Priority.NORMAL);
    Enqueuer.Enqueued low = target.enqueuer().burst("share-low", each, Priority.LOW);
    paused.delete();
    target.progress().awaitFinished(before + 2L * each, timeoutFor(2 * each));
    long[] normalDone = target.readback().read(normal).completedAt();
    long[] lowDone = target.readback().read(low).completedAt();
    long first = Math.min(min(normalDone), min(lowDone));
    long normalEnd = max(normalDone);
    double seconds = Math.max(1, normalEnd - first) / 1000.0;
    long lowBefore = 0;
    for (long at : lowDone) {
      lowBefore += at >= 0 && at <= normalEnd ? 1 : 0;
    }
    return new Share(each, each / seconds, lowBefore / seconds);
  }

  private static long min(long[] times) {
    long min = Long.MAX_VALUE;
    for (long at : times) {
      min = at >= 0 ? Math.min(min, at) : min;
    }
    return min;
  }

  private static long max(long[] times) {
    long max = Long.MIN_VALUE;
    for (long at : times) {
      max = Math.max(max, at);
    }
    return max;
  }

  static Duration timeoutFor(int tasks) {
    return Duration.ofSeconds(Math.max(120, tasks / 1_000));
  }
}
