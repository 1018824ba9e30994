package io.docfleet.cache;

import io.docfleet.cache.CacheMetrics.Field;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs one cache call against Redis and waits for it at most a bounded time. A call that fails or
 * takes too long is counted (errors or timeouts, per cache type involved), reported to the breaker,
 * and answered with "no result", which callers treat as a miss. While the breaker is open no call
 * is made at all.
 */
final class BoundedCalls {
  private final Duration timeout;
  private final CacheBreaker breaker;
  private final CacheMetrics metrics;

  BoundedCalls(Duration timeout, CacheBreaker breaker, CacheMetrics metrics) {
    this.timeout = timeout;
    this.breaker = breaker;
    this.metrics = metrics;
  }

  Duration timeout() {
    return timeout;
  }

  boolean available() {
    return breaker.allows();
  }

  /** The call's result within {@code CACHE_TIMEOUT}; empty when unavailable (or null). */
  <T> Optional<T> call(Collection<CacheType> types, Supplier<? extends CompletionStage<T>> call) {
    return call(types, timeout, call, late -> {});
  }

  /** True when the call succeeded within {@code CACHE_TIMEOUT}. */
  boolean run(Collection<CacheType> types, Supplier<? extends CompletionStage<?>> call) {
    return call(types, timeout, () -> call.get().thenApply(done -> Boolean.TRUE), late -> {})
        .isPresent();
  }

  /**
   * The call's result within {@code limit}; when the wait is given up, {@code onAbandoned} gets the
   * result the call still brings later (to undo it, such as a lock taken too late).
   */
  <T> Optional<T> call(
      Collection<CacheType> types,
      Duration limit,
      Supplier<? extends CompletionStage<T>> call,
      Consumer<T> onAbandoned) {
    if (!breaker.allows()) {
      return Optional.empty();
    }
    CompletableFuture<T> future;
    try {
      future = call.get().toCompletableFuture();
    } catch (RuntimeException e) {
      return failed(types, Field.ERRORS, e);
    }
    try {
      T result = future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
      breaker.succeeded();
      return Optional.ofNullable(result);
    } catch (TimeoutException e) {
      future.thenAccept(onAbandoned);
      return failed(types, Field.TIMEOUTS, e);
    } catch (ExecutionException e) {
      return failed(types, Field.ERRORS, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.thenAccept(onAbandoned);
      return Optional.empty();
    }
  }

  private <T> Optional<T> failed(Collection<CacheType> types, Field field, Throwable cause) {
    metrics.count(types, field);
    breaker.failed(cause);
    return Optional.empty();
  }
}
