package io.docfleet.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A step that must happen is repeated until it succeeds, whether it fails by its future or by
 * throwing; closing the retry fails what still waits instead of leaving its callers hanging.
 */
class RedisRetryTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private RedisRetry retry;

  @AfterEach
  void tearDown() {
    retry.close();
  }

  @Test
  void aStepThatFailsIsRepeatedUntilItSucceeds() throws Exception {
    retry = new RedisRetry(Duration.ofMillis(1));
    AtomicInteger calls = new AtomicInteger();

    CompletableFuture<String> result =
        retry.untilDone(
            () -> "a step",
            () ->
                calls.incrementAndGet() < 3
                    ? CompletableFuture.failedFuture(new IllegalStateException("Redis went away"))
                    : CompletableFuture.completedFuture("done"));

    assertThat(result.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("done");
    assertThat(calls).hasValue(3);
  }

  @Test
  void aStepThatThrowsInsteadOfFailingItsFutureIsRepeatedToo() throws Exception {
    retry = new RedisRetry(Duration.ofMillis(1));
    AtomicInteger calls = new AtomicInteger();

    CompletableFuture<Integer> result =
        retry.untilDone(
            () -> "a step",
            () -> {
              if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("no connection");
              }
              return CompletableFuture.completedFuture(calls.get());
            });

    assertThat(result.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(2);
  }

  @Test
  void closingFailsAStepThatWaitsForItsNextTryInsteadOfLeavingItHanging() {
    retry = new RedisRetry(Duration.ofHours(1));
    AtomicInteger calls = new AtomicInteger();
    CompletableFuture<String> result =
        retry.untilDone(
            () -> "a step",
            () -> {
              calls.incrementAndGet();
              return CompletableFuture.failedFuture(new IllegalStateException("Redis went away"));
            });
    assertThat(result).isNotDone();

    retry.close();

    assertThat(calls).as("the waiting step is tried once more on close").hasValue(2);
    assertThatThrownBy(result::join)
        .isInstanceOf(CompletionException.class)
        .hasRootCauseMessage("Redis went away");
  }

  @Test
  void aStepThatFailsAfterCloseFailsAtOnce() {
    retry = new RedisRetry(Duration.ofMillis(1));
    retry.close();

    CompletableFuture<String> result =
        retry.untilDone(
            () -> "a step",
            () -> CompletableFuture.failedFuture(new IllegalStateException("Redis went away")));

    assertThat(result).isCompletedExceptionally();
  }
}
