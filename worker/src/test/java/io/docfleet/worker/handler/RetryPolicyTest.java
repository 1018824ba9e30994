package io.docfleet.worker.handler;

import static io.docfleet.testing.Tasks.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.task.Task;
import io.docfleet.worker.queue.RetryBackoff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every path of the decision after an attempt, as a table; no Redis, no worker, no waiting. */
class RetryPolicyTest {
  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final RetryBackoff BACKOFF =
      new RetryBackoff(Duration.ofSeconds(1), Duration.ofMinutes(5));

  /** Five attempts, the fleet's default backoff, and a jitter draw of one half every time. */
  private static final RetryPolicy STANDARD =
      RetryPolicy.standard(5, BACKOFF, CLOCK).withRandom(() -> 0.5);

  private static final ObjectNode LEARNED = JsonNodeFactory.instance.objectNode().put("job", "j1");
  private static final TaskOutcome SUCCEEDED = new TaskOutcome.Succeeded();
  private static final NextStep COMPLETE = new NextStep.Complete();

  private static final TaskOutcome NOT_YET = new TaskOutcome.RetryLater("not yet");
  private static final Duration FIRST = Duration.ofMillis(750); // 500 ms + half of the other 500
  private static final Duration THIRD = Duration.ofMillis(3000); // 2 s + half of the other 2 s
  private static final RetryPolicy OWN =
      STANDARD
          .maxAttempts(2)
          .withBackoff(new RetryBackoff(Duration.ofSeconds(10), Duration.ofSeconds(10)));

  /** Attempt {@code number} of {@code task} under {@code policy}. */
  record Attempt(RetryPolicy policy, Task task, int number) {
    Attempt under(RetryPolicy other) {
      return new Attempt(other, task, number);
    }

    Attempt ofATaskAllowing(int attempts) {
      return new Attempt(policy, task.withMaxAttempts(attempts), number);
    }
  }

  static Attempt attempt(int number) {
    return new Attempt(STANDARD, aTask("t"), number);
  }

  /** How an attempt ended: what the handler returned or threw, handed to the policy. */
  @FunctionalInterface
  interface Ending {
    NextStep decide(Attempt attempt);
  }

  static Ending returns(TaskOutcome outcome) {
    return a -> a.policy().afterReturn(a.task(), a.number(), outcome);
  }

  static Ending threw(Throwable thrown) {
    return a -> a.policy().afterThrow(a.task(), a.number(), thrown);
  }

  static NextStep retryIn(Duration delay, String reason) {
    return new NextStep.RetryAt(NOW.plus(delay), delay, reason);
  }

  static NextStep pollIn(Duration delay, String reason, Optional<ObjectNode> payload) {
    return new NextStep.PollAt(NOW.plus(delay), delay, reason, payload);
  }

  static NextStep deadLetter(String reason, int attempts) {
    return new NextStep.DeadLetter(reason, attempts);
  }

  static Arguments row(String when, Attempt attempt, Ending ending, NextStep next) {
    return Arguments.of(when, attempt, ending, next);
  }

  static Stream<Arguments> afterAnAttempt() {
    return Stream.of(
        row("a success completes", attempt(1), returns(TaskOutcome.succeeded()), COMPLETE),
        row("a success on the last attempt completes", attempt(5), returns(SUCCEEDED), COMPLETE),
        row(
            "a retryable failure below the limit runs again after the backoff",
            attempt(1),
            returns(NOT_YET),
            retryIn(FIRST, "not yet")),
        row(
            "the backoff doubles with each attempt",
            attempt(3),
            returns(NOT_YET),
            retryIn(THIRD, "not yet")),
        row(
            "a retryable failure at the limit is dead-lettered",
            attempt(5),
            returns(NOT_YET),
            deadLetter("failed 5 of 5 attempts, last: not yet", 5)),
        row(
            "a task's own limit wins over the policy's",
            attempt(2).ofATaskAllowing(2),
            returns(NOT_YET),
            deadLetter("failed 2 of 2 attempts, last: not yet", 2)),
        row(
            "a task's own higher limit lets it run again",
            attempt(5).ofATaskAllowing(9),
            returns(NOT_YET),
            retryIn(Duration.ofMillis(12000), "not yet")),
        row(
            "a permanent failure is dead-lettered on its first attempt",
            attempt(1),
            returns(new TaskOutcome.Failed("bad input")),
            deadLetter("failed permanently: bad input", 1)),
        row(
            "a poll comes back after its delay",
            attempt(2),
            returns(TaskOutcome.pollLater(Duration.ofSeconds(30), "job running")),
            pollIn(Duration.ofSeconds(30), "job running", Optional.empty())),
        row(
            "a poll on the last attempt uses no attempt and keeps what it learned",
            attempt(5),
            returns(TaskOutcome.pollLater(Duration.ZERO, "job running", LEARNED)),
            pollIn(Duration.ZERO, "job running", Optional.of(LEARNED))),
        row(
            "a handler that returns nothing failed its attempt",
            attempt(1),
            returns(null),
            retryIn(FIRST, "handler returned no outcome")),
        row(
            "a PermanentTaskException is dead-lettered at once",
            attempt(1),
            threw(new PermanentTaskException("no such document")),
            deadLetter("failed permanently: no such document", 1)),
        row(
            "an interruption is a failed attempt",
            attempt(1),
            threw(new InterruptedException()),
            retryIn(FIRST, "interrupted while the worker stopped")),
        row(
            "an interruption on the last attempt is dead-lettered",
            attempt(5),
            threw(new InterruptedException()),
            deadLetter("failed 5 of 5 attempts, last: interrupted while the worker stopped", 5)),
        row(
            "an unexpected exception is a failed attempt named by its class",
            attempt(1),
            threw(new IllegalStateException("boom")),
            retryIn(FIRST, "IllegalStateException: boom")),
        row(
            "an unexpected exception without a message still names its class",
            attempt(1),
            threw(new NullPointerException()),
            retryIn(FIRST, "NullPointerException: null")),
        row(
            "a missing class is a failed attempt",
            attempt(1),
            threw(new NoClassDefFoundError("org/x/Y")),
            retryIn(FIRST, "NoClassDefFoundError: org/x/Y")),
        row(
            "an unexpected exception at the limit is dead-lettered",
            attempt(5),
            threw(new IllegalStateException("boom")),
            deadLetter("failed 5 of 5 attempts, last: IllegalStateException: boom", 5)),
        row(
            "a type's own policy waits its own backoff",
            attempt(1).under(OWN),
            threw(new IllegalStateException("boom")),
            retryIn(Duration.ofMillis(7500), "IllegalStateException: boom")),
        row(
            "a type's own policy stops at its own limit",
            attempt(2).under(OWN),
            returns(NOT_YET),
            deadLetter("failed 2 of 2 attempts, last: not yet", 2)),
        row(
            "a type without retries dead-letters its first failure",
            attempt(1).under(STANDARD.withoutRetries()),
            returns(NOT_YET),
            deadLetter("failed 1 of 1 attempts, last: not yet", 1)),
        row(
            "a task's own limit wins over a type without retries",
            attempt(1).under(STANDARD.withoutRetries()).ofATaskAllowing(3),
            returns(NOT_YET),
            retryIn(FIRST, "not yet")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("afterAnAttempt")
  void decidesWhatFollowsAnAttempt(String when, Attempt attempt, Ending ending, NextStep next) {
    assertThat(withoutTrace(ending.decide(attempt))).isEqualTo(next);
  }

  /** The decision without its stack summary (StackSummaryTest checks that). */
  private static NextStep withoutTrace(NextStep step) {
    if (step instanceof NextStep.RetryAt r) {
      return new NextStep.RetryAt(r.at(), r.delay(), r.reason());
    }
    if (step instanceof NextStep.DeadLetter d) {
      return new NextStep.DeadLetter(d.reason(), d.attempts());
    }
    return step;
  }

  static Stream<Arguments> beforeARun() {
    String ranOut = " attempts (a worker stopped while running it, or it kept failing)";
    return Stream.of(
        Arguments.of("the first attempt runs", attempt(1), Optional.empty()),
        Arguments.of("the last attempt runs", attempt(5), Optional.empty()),
        Arguments.of(
            "one past the limit is dead-lettered counting the attempts made",
            attempt(6),
            Optional.of(deadLetter("gave up after 5" + ranOut, 5))),
        Arguments.of(
            "a task's own limit lets it run", attempt(6).ofATaskAllowing(8), Optional.empty()),
        Arguments.of(
            "a type's own limit gives up sooner",
            attempt(3).under(STANDARD.maxAttempts(2)),
            Optional.of(deadLetter("gave up after 2" + ranOut, 2))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("beforeARun")
  void beforeARunGivesUpOnlyWhenTheAttemptsRanOut(
      String when, Attempt attempt, Optional<NextStep> expected) {
    assertThat(attempt.policy().beforeRun(attempt.task(), attempt.number())).isEqualTo(expected);
  }

  @Test
  void theJitterKeepsEveryDelayBetweenHalfAndAllOfItsCappedCeiling() {
    RetryPolicy policy =
        RetryPolicy.standard(40, BACKOFF, CLOCK).withRandom(new Random(42)::nextDouble);
    for (int attempt = 1; attempt < 40; attempt++) {
      long ceiling = Math.min(1000L << Math.min(attempt - 1, 20), Duration.ofMinutes(5).toMillis());
      NextStep.RetryAt retry = retryAfter(policy, attempt);
      assertThat(retry.delay().toMillis())
          .as("attempt %d", attempt)
          .isBetween(ceiling / 2, ceiling);
      assertThat(retry.at()).isEqualTo(NOW.plus(retry.delay()));
    }
  }

  @Test
  void theSameSeedDrawsTheSameDelaysAndTheDrawsSpreadThem() {
    List<Long> first = delays(new Random(7));
    List<Long> again = delays(new Random(7));

    assertThat(again).isEqualTo(first);
    assertThat(first.stream().distinct().count()).isGreaterThan(1);
  }

  @Test
  void theLowestAndHighestDrawsGiveHalfAndAllOfTheCeiling() {
    assertThat(retryAfter(STANDARD.withRandom(() -> 0.0), 2).delay())
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(retryAfter(STANDARD.withRandom(() -> Math.nextDown(1.0)), 2).delay())
        .isBetween(Duration.ofMillis(1999), Duration.ofSeconds(2));
  }

  @Test
  void aPolicyIsAValueThatComposingNeverChanges() {
    RetryPolicy fewer = STANDARD.maxAttempts(2);

    assertThat(STANDARD.attemptsAllowed(aTask("t"))).isEqualTo(5);
    assertThat(fewer.attemptsAllowed(aTask("t"))).isEqualTo(2);
    assertThat(fewer.attemptsAllowed(aTask("t").withMaxAttempts(4))).isEqualTo(4);
  }

  @Test
  void aPolicyWithoutAnyAttemptIsRefusedSayingWhy() {
    assertThatThrownBy(() -> STANDARD.maxAttempts(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1 attempt");
  }

  @Test
  void aHandlerKeepsTheStandardPolicyUnlessItBringsItsOwn() {
    TaskHandler plain = task -> TaskOutcome.succeeded();
    TaskHandler once =
        new TaskHandler() {
          @Override
          public TaskOutcome handle(Task task) {
            return TaskOutcome.succeeded();
          }

          @Override
          public RetryPolicy retryPolicy(RetryPolicy standard) {
            return standard.withoutRetries();
          }
        };

    assertThat(plain.retryPolicy(STANDARD)).isSameAs(STANDARD);
    assertThat(once.retryPolicy(STANDARD).attemptsAllowed(aTask("t"))).isEqualTo(1);
  }

  private static List<Long> delays(Random random) {
    RetryPolicy policy = STANDARD.maxAttempts(20).withRandom(random::nextDouble);
    List<Long> delays = new ArrayList<>();
    for (int attempt = 1; attempt < 20; attempt++) {
      delays.add(retryAfter(policy, attempt).delay().toMillis());
    }
    return delays;
  }

  private static NextStep.RetryAt retryAfter(RetryPolicy policy, int attempt) {
    NextStep next = policy.afterReturn(aTask("t"), attempt, new TaskOutcome.RetryLater("boom"));
    assertThat(next).isInstanceOf(NextStep.RetryAt.class);
    return (NextStep.RetryAt) next;
  }
}
