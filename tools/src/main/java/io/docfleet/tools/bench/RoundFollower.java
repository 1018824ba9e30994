package io.docfleet.tools.bench;

import io.docfleet.worker.pipeline.BatchProgress;
import io.docfleet.worker.pipeline.DocumentBatch;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/**
 * Follows a pipeline benchmark round's documents until they end or time out, logging the progress
 * every {@link #PROGRESS_EVERY} and the round's result at the end.
 */
final class RoundFollower {
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(3);

  private final PrintStream log;
  private final Duration timeout;

  /** Logs to {@code log}; a round that has not ended after {@code timeout} is left as it is. */
  RoundFollower(PrintStream log, Duration timeout) {
    this.log = log;
    this.timeout = timeout;
  }

  /** The batch's progress once its documents ended, or at the time-out. */
  BatchProgress follow(String name, DocumentBatch batch) throws InterruptedException {
    log.printf("bench-pipeline: %s round, %d documents%n", name, batch.documents().size());
    Instant[] shown = {Instant.now()};
    BatchProgress progress =
        batch.awaitEnded(
            timeout,
            p -> {
              if (Instant.now().isAfter(shown[0].plus(PROGRESS_EVERY))) {
                shown[0] = Instant.now();
                log.printf(
                    "  %s: %d/%d ended, %d provider calls, %d cache hits (%.1f s)%n",
                    name,
                    p.completed() + p.failed(),
                    p.total(),
                    p.providerCalls(),
                    p.cacheHits(),
                    p.elapsed().toMillis() / 1000.0);
              }
            },
            () -> true);
    log.printf(
        "  %s: %d completed, %d failed in %.2f s%s%n",
        name,
        progress.completed(),
        progress.failed(),
        progress.elapsed().toMillis() / 1000.0,
        progress.ended() ? "" : " (timed out)");
    return progress;
  }
}
