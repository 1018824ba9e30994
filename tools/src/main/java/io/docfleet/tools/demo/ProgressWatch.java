package io.docfleet.tools.demo;

import io.docfleet.queue.QueueInspector;
import io.docfleet.queue.QueueStats;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Follows a run from the queue's counters until every task has settled (completed or
 * dead-lettered), or the queue is empty with tasks missing, or time runs out, showing done/total,
 * the rate so far, and what is ready, in flight, delayed, retried and dead. On a terminal the line
 * is rewritten four times a second; elsewhere a line is written every few seconds.
 */
final class ProgressWatch {
  private static final Duration POLL = Duration.ofMillis(250);
  private static final Duration PLAIN_EVERY = Duration.ofSeconds(3);

  private final QueueInspector inspector;
  private final String type;
  private final DemoConsole console;

  ProgressWatch(QueueInspector inspector, String type, DemoConsole console) {
    this.inspector = inspector;
    this.type = type;
    this.console = console;
  }

  /** Why the watch ended. */
  enum Ending {
    /** Every task completed or went to the dead-letter list. */
    SETTLED,
    /** Nothing is ready, in flight or delayed, yet some tasks never settled: they were dropped. */
    EMPTY_UNSETTLED,
    TIMED_OUT,
    /** The caller said to stop waiting (interrupted, or no worker left). */
    STOPPED
  }

  /**
   * Waits until {@code total} tasks, queued at {@code start}, have settled, the queue runs dry, or
   * the timeout (counted from {@code start}) passes.
   */
  Ending awaitSettled(long total, Instant start, Duration timeout, BooleanSupplier keepWaiting)
      throws InterruptedException {
    Instant deadline = start.plus(timeout);
    Instant lastShown = Instant.MIN;
    int emptyPolls = 0;
    while (true) {
      QueueStats stats = inspector.stats(type);
      Instant now = Instant.now();
      if (!keepWaiting.getAsBoolean()) {
        console.endStatus();
        return Ending.STOPPED;
      }
      boolean settled = settled(stats) >= total;
      // Every step between the lists is one atomic script, so a task that has not settled is
      // always ready, in flight or delayed; empty twice in a row means it is gone.
      emptyPolls = stats.ready() + stats.inFlight() + stats.delayed() == 0 ? emptyPolls + 1 : 0;
      Ending ending =
          settled
              ? Ending.SETTLED
              : emptyPolls >= 2
                  ? Ending.EMPTY_UNSETTLED
                  : now.isAfter(deadline) ? Ending.TIMED_OUT : null;
      if (ending != null || console.live() || !now.isBefore(lastShown.plus(PLAIN_EVERY))) {
        console.status(line(stats, total, Duration.between(start, now)));
        lastShown = now;
      }
      if (ending != null) {
        console.endStatus();
        return ending;
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  static long settled(QueueStats stats) {
    return stats.counter("completed") + stats.counter("dead");
  }

  static String line(QueueStats stats, long total, Duration elapsed) {
    long done = settled(stats);
    double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
    return String.format(
        "  %,d/%,d done  %,.0f tasks/s  ready %,d  in flight %d  delayed %d  retried %d  dead %d"
            + "  (%.1f s)",
        done,
        total,
        done / seconds,
        stats.ready(),
        stats.inFlight(),
        stats.delayed(),
        stats.counter("retried"),
        stats.counter("dead"),
        seconds);
  }
}
