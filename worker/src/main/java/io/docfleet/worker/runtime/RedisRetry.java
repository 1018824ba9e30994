package io.docfleet.worker.runtime;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repeats a Redis step that must happen (ending a task, recording its end) until it succeeds, so a
 * Redis that restarts or fails over costs time, not tasks. Gives up only when the worker closes;
 * what is still in flight then is returned by the drain or by the reaper.
 */
final class RedisRetry implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RedisRetry.class);

  private final Duration pause;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "redis-retry");
            thread.setDaemon(true);
            return thread;
          });
  private volatile boolean closed;

  RedisRetry(Duration pause) {
    this.pause = pause;
  }

  /**
   * Runs {@code step} until it succeeds; {@code what} names it in the log line of a failure, and is
   * only worked out then.
   */
  <T> CompletableFuture<T> untilDone(Supplier<String> what, Supplier<CompletionStage<T>> step) {
    CompletableFuture<T> result = new CompletableFuture<>();
    attempt(what, step, result, 1);
    return result;
  }

  private <T> void attempt(
      Supplier<String> what,
      Supplier<CompletionStage<T>> step,
      CompletableFuture<T> result,
      int tries) {
    CompletionStage<T> stage;
    try {
      stage = step.get();
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    stage.whenComplete(
        (value, error) -> {
          if (error == null) {
            result.complete(value);
          } else if (closed) {
            result.completeExceptionally(error);
          } else {
            if (tries == 1) {
              log.warn(
                  "{} failed ({}); trying again every {} ms", what.get(), error, pause.toMillis());
            }
            timer.schedule(
                () -> attempt(what, step, result, tries + 1),
                pause.toMillis(),
                TimeUnit.MILLISECONDS);
          }
        });
  }

  @Override
  public void close() {
    closed = true;
    // Pending retries run once more and, failing again, fail their callers instead of hanging.
    timer.shutdownNow().forEach(Runnable::run);
  }
}
