package io.docfleet.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BeginResultTest {

  static Stream<Arguments> replies() {
    return Stream.of(
        Arguments.of(0L, new BeginResult.LockedElsewhere(), false),
        Arguments.of(-1L, new BeginResult.AlreadyCompleted(), true),
        Arguments.of(-2L, new BeginResult.CompletedStillInFlight(), true),
        Arguments.of(1L, BeginResult.started(1), true),
        Arguments.of(7L, BeginResult.started(7), true));
  }

  @ParameterizedTest(name = "reply {0} is {1}")
  @MethodSource("replies")
  void aBeginScriptsReplyIsReadAsWhatItMeansAndWhetherTheLockIsHeld(
      long reply, BeginResult expected, boolean holdsLock) {
    BeginResult result = BeginResult.fromReply(reply);

    assertThat(result).isEqualTo(expected);
    assertThat(result.holdsLock()).isEqualTo(holdsLock);
  }

  @Test
  void aReplyNoScriptGivesIsRefusedSayingSo() {
    assertThatThrownBy(() -> BeginResult.fromReply(-3))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("replied -3");
  }
}
