package io.docfleet.worker.demo;

import io.docfleet.queue.QueueInspector;
import io.docfleet.queue.QueueStats;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Follows a run from the queue's counters until every task has settled (completed or
 * dead-lettered), showing done/total, the rate so far, and what is ready, in flight, delayed,
 * retried and dead. On a terminal the line is rewritten four times a second; elsewhere a line is
 * written every few seconds.
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

  /**
   * Waits until {@code total} tasks have settled; false when the timeout passed or {@code
   * keepWaiting} turned false first.
   */
  boolean awaitSettled(long total, Duration timeout, BooleanSupplier keepWaiting)
      throws InterruptedException {
    Instant start = Instant.now();
    Instant deadline = start.plus(timeout);
    Instant lastShown = Instant.MIN;
    while (true) {
      QueueStats stats = inspector.stats(type);
      Instant now = Instant.now();
      if (!keepWaiting.getAsBoolean()) {
        console.endStatus();
        return false;
      }
      boolean settled = settled(stats) >= total;
      if (settled || console.live() || !now.isBefore(lastShown.plus(PLAIN_EVERY))) {
        console.status(line(stats, total, Duration.between(start, now)));
        lastShown = now;
      }
      if (settled || now.isAfter(deadline)) {
        console.endStatus();
        return settled;
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
