package io.docfleet.api.redismonitor;

import io.docfleet.logging.LogSafe;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** What a look at one dependency found: what it answered, or why it did not. */
public sealed interface Outcome<T> {

  /** The dependency answered with {@code value}. */
  record Answered<T>(T value) implements Outcome<T> {}

  /**
   * The dependency did not answer: {@code error} says why, on one line; {@code errorType} is the
   * error's class alone (for answers that must not show an address).
   */
  record Unavailable<T>(String error, String errorType) implements Outcome<T> {}

  /** Runs {@code look}; what it returned, or what it threw as {@link Unavailable}. */
  static <T> Outcome<T> of(Look<T> look) {
    try {
      return new Answered<>(look.run());
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return unavailable(e);
    }
  }

  /** A failure as {@link Unavailable}, its message followed by its root cause's when it differs. */
  static <T> Outcome<T> unavailable(Throwable failure) {
    Throwable error = unwrapped(failure);
    return new Unavailable<>(message(error), error.getClass().getSimpleName());
  }

  /** The failure without the wrappers of asynchronous calls. */
  private static Throwable unwrapped(Throwable failure) {
    Throwable error = failure;
    while ((error instanceof CompletionException || error instanceof ExecutionException)
        && error.getCause() != null) {
      error = error.getCause();
    }
    return error;
  }

  /** The error's message, and its root cause's when that says more, on one line. */
  private static String message(Throwable error) {
    String message =
        error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root != error && root.getMessage() != null && !message.contains(root.getMessage())) {
      message += ": " + root.getMessage();
    }
    return LogSafe.text(message.strip());
  }

  default boolean answered() {
    return this instanceof Answered<T>;
  }

  /** The answer, or null when there was none. */
  default T valueOrNull() {
    return this instanceof Answered<T> answered ? answered.value() : null;
  }

  /** The error, or null when it answered. */
  default String errorOrNull() {
    return this instanceof Unavailable<T> unavailable ? unavailable.error() : null;
  }

  /** After an answer, what {@code next} finds (which may fail in turn); else the same error. */
  default <R> Outcome<R> then(Look<R> next) {
    if (this instanceof Unavailable<T> unavailable) {
      return new Unavailable<>(unavailable.error(), unavailable.errorType());
    }
    return of(next);
  }

  /** {@code ok}, or {@code failed: <errorType>}: what {@code /ready} says of a dependency. */
  default String readiness() {
    return this instanceof Unavailable<T> unavailable ? "failed: " + unavailable.errorType() : "ok";
  }

  /** A look at a dependency, which may throw. */
  @FunctionalInterface
  interface Look<T> {
    T run() throws Exception;
  }
}
