package io.docfleet.tools.demo;

import io.docfleet.queue.QueueCounter;
import io.docfleet.queue.QueueInspector;
import io.docfleet.queue.QueueStats;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Follows a run from the queue's counters until every task has finished (completed or
 * dead-lettered), or the queue is empty with tasks missing, or time runs out, showing done/total,
 * the rate so far, and what is ready, in flight, delayed, retried and dead-lettered. On a terminal
 * the line is rewritten four times a second; elsewhere a line is written every few seconds.
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
    FINISHED,
    /** Nothing is ready, in flight or delayed, yet some tasks never finished: they were dropped. */
    EMPTY_UNFINISHED,
    TIMED_OUT,
    /** The caller said to stop waiting (interrupted, or no worker left). */
    STOPPED
  }

  /**
   * Waits until {@code total} tasks, queued at {@code start}, have finished, the queue runs dry, or
   * the timeout (counted from {@code start}) passes.
   */
  Ending awaitFinished(long total, Instant start, Duration timeout, BooleanSupplier keepWaiting)
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
      boolean finished = finished(stats) >= total;
      // Every step between the lists is one atomic script, so a task that has not finished is
      // always ready, in flight or delayed; empty twice in a row means it is gone.
      emptyPolls = stats.ready() + stats.inFlight() + stats.delayed() == 0 ? emptyPolls + 1 : 0;
      Ending ending =
          finished
              ? Ending.FINISHED
              : emptyPolls >= 2
                  ? Ending.EMPTY_UNFINISHED
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

  static long finished(QueueStats stats) {
    return stats.counter(QueueCounter.COMPLETED) + stats.counter(QueueCounter.DEAD_LETTERED);
  }

  static String line(QueueStats stats, long total, Duration elapsed) {
    long done = finished(stats);
    double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
    return String.format(
        "  %,d/%,d done  %,.0f tasks/s  ready %,d  in flight %d  delayed %d  retried %d"
            + "  dead-lettered %d"
            + "  (%.1f s)",
        done,
        total,
        done / seconds,
        stats.ready(),
        stats.inFlight(),
        stats.delayed(),
        stats.counter(QueueCounter.RETRIED),
        stats.counter(QueueCounter.DEAD_LETTERED),
        seconds);
  }
}
