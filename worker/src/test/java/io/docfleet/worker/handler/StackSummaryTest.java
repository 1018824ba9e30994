package io.docfleet.worker.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.queue.TaskRecord;
import io.docfleet.queue.TaskStatus;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StackSummaryTest {

  private static IllegalStateException thrownFromDeepDown(int depth) {
    if (depth == 0) {
      return new IllegalStateException(
          "the parser gave up", new java.io.IOException("stream closed"));
    }
    return thrownFromDeepDown(depth - 1);
  }

  @Test
  void aSummaryNamesTheExceptionItsTopFiveFramesAndItsCause() {
    IllegalStateException thrown = thrownFromDeepDown(8);

    String summary = StackSummary.of(thrown);

    String[] lines = summary.split("\n");
    assertThat(lines[0]).isEqualTo("java.lang.IllegalStateException: the parser gave up");
    assertThat(Arrays.copyOfRange(lines, 1, 6))
        .allSatisfy(
            line ->
                assertThat(line)
                    .matches(
                        "  at io\\.docfleet\\.worker\\.handler\\.StackSummaryTest\\."
                            + "thrownFromDeepDown\\(StackSummaryTest\\.java:\\d+\\)"));
    assertThat(lines[6]).matches("  \\.\\.\\. \\d+ more");
    assertThat(lines[7]).isEqualTo("caused by java.io.IOException: stream closed");
    assertThat(lines[8]).startsWith("  at io.docfleet.worker.handler.StackSummaryTest.");
    assertThat(lines).hasSize(9);
  }

  @Test
  void aLongOrMultiLineMessageIsCutToOneShortLine() {
    String summary =
        StackSummary.of(new RuntimeException("first line\nsecond line " + "x".repeat(500)));

    String headline = summary.split("\n")[0];
    assertThat(headline).startsWith("java.lang.RuntimeException: first line second line xxx");
    assertThat(headline).endsWith("…");
    assertThat(headline.length())
        .isLessThanOrEqualTo("java.lang.RuntimeException: ".length() + 201);
  }

  @Test
  void anExceptionWithoutAMessageOrFramesIsItsClassAlone() {
    RuntimeException bare = new RuntimeException();
    bare.setStackTrace(new StackTraceElement[0]);

    assertThat(StackSummary.of(bare)).isEqualTo("java.lang.RuntimeException");
  }

  @Test
  void aThrowingHandlersRetryAndDeadLetterCarryTheSummaryAndAnOutcomeCarriesNone() {
    RetryPolicy policy =
        RetryPolicy.standard(
            2,
            new io.docfleet.worker.queue.RetryBackoff(
                java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(1)),
            java.time.Clock.systemUTC());
    io.docfleet.task.Task task =
        io.docfleet.task.Task.of(
            "t1",
            "flaky",
            com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
    IllegalStateException thrown = thrownFromDeepDown(0);

    NextStep retry = policy.afterThrow(task, 1, thrown);
    NextStep dead = policy.afterThrow(task, 2, thrown);

    assertThat(((NextStep.RetryAt) retry).trace()).isEqualTo(StackSummary.of(thrown));
    assertThat(((NextStep.DeadLetter) dead).trace()).isEqualTo(StackSummary.of(thrown));
    assertThat(
            ((NextStep.RetryAt) policy.afterReturn(task, 1, new TaskOutcome.RetryLater("503")))
                .trace())
        .isNull();
  }

  @Test
  void theTraceFollowsTheLastErrorInTheRecordAndOnlyBesideOne() {
    TaskRecord failed =
        TaskRecord.ended(TaskStatus.RETRYING, "w1", 1, 1, 2, "IllegalStateException: boom")
            .withErrorTrace("java.lang.IllegalStateException: boom\n  at a.B.c(B.java:3)");

    assertThat(failed.toJson())
        .endsWith(
            ",\"last_error\":\"IllegalStateException: boom\",\"error_trace\":"
                + "\"java.lang.IllegalStateException: boom\\n  at a.B.c(B.java:3)\"}");
    assertThat(failed.fields()).containsKey("error_trace");
    assertThat(
            TaskRecord.ended(TaskStatus.WAITING, "w1", 1, 1, 2, null).withErrorTrace("x").toJson())
        .doesNotContain("error_trace");
  }
}
