package io.docfleet.worker.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
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

  /** The next tries that wait on the timer, so that closing can make them at once. */
  private final Set<Runnable> waiting = ConcurrentHashMap.newKeySet();

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
            tryAgainLater(() -> attempt(what, step, result, tries + 1));
          }
        });
  }

  /** Makes the next try after the pause, or at once when the retry closes first; never twice. */
  private void tryAgainLater(Runnable again) {
    Runnable once =
        new Runnable() {
          @Override
          public void run() {
            if (waiting.remove(this)) {
              again.run();
            }
          }
        };
    waiting.add(once);
    try {
      timer.schedule(once, pause.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      once.run(); // closed meanwhile: the try is made now and, failing, fails its caller
    }
  }

  @Override
  public void close() {
    closed = true;
    // Waiting tries are made once more and, failing again, fail their callers instead of hanging.
    // The tasks shutdownNow returns cannot do that: a stopped executor's task only cancels itself.
    timer.shutdownNow();
    List.copyOf(waiting).forEach(Runnable::run);
  }
}
