package io.docfleet.tools.demo;

import io.docfleet.worker.pipeline.BatchProgress;
import io.docfleet.worker.pipeline.DocumentBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Follows a pipeline demo round's documents until they end, showing their progress on the status
 * line (live on a terminal, every {@link #PLAIN_EVERY} otherwise), and says why it stopped early.
 */
final class BatchFollower {
  private static final Duration PLAIN_EVERY = Duration.ofSeconds(2);

  private final DemoConsole console;
  private final LocalFleet workers;
  private final BooleanSupplier stopping;
  private Instant lastShown = Instant.MIN;

  /** Follows while the run is not {@code stopping} and some worker is alive. */
  BatchFollower(DemoConsole console, LocalFleet workers, BooleanSupplier stopping) {
    this.console = console;
    this.workers = workers;
    this.stopping = stopping;
  }

  /**
   * The batch's progress once every document ended, the workers all exited or {@code timeout}
   * passed; a {@link CancellationException} when the run is stopping.
   */
  BatchProgress follow(DocumentBatch batch, Duration timeout) throws InterruptedException {
    BatchProgress progress =
        batch.awaitEnded(timeout, this::show, () -> !stopping.getAsBoolean() && workers.anyAlive());
    console.endStatus();
    if (stopping.getAsBoolean()) {
      throw new CancellationException("interrupted");
    }
    if (!progress.ended()) {
      console.line(
          workers.anyAlive()
              ? "stopped waiting after " + timeout + " (--timeout)"
              : "every worker JVM has exited; their logs say why: " + workers.logDir());
    }
    return progress;
  }

  private void show(BatchProgress p) {
    Instant now = Instant.now();
    if (!p.ended() && !console.live() && now.isBefore(lastShown.plus(PLAIN_EVERY))) {
      return;
    }
    lastShown = now;
    console.status(
        String.format(
            "  %d/%d documents ended (%d completed, %d failed), %d running; provider calls %d,"
                + " cache hits %d (%.1f s)",
            p.completed() + p.failed(),
            p.total(),
            p.completed(),
            p.failed(),
            p.started() - p.completed() - p.failed(),
            p.providerCalls(),
            p.cacheHits(),
            p.elapsed().toMillis() / 1000.0));
  }
}
