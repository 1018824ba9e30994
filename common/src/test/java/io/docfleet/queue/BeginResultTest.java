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
        Arguments.of(0L, new BeginResult.LockedElsewhere(), true),
        Arguments.of(-1L, new BeginResult.AlreadyCompleted(), true),
        Arguments.of(-2L, new BeginResult.Unreadable(), false),
        Arguments.of(1L, BeginResult.started(1), false),
        Arguments.of(7L, BeginResult.started(7), false));
  }

  @ParameterizedTest(name = "reply {0} is {1}")
  @MethodSource("replies")
  void aClaimScriptsReplyIsReadAsWhatItMeansAndWhetherTheItemWasDropped(
      long reply, BeginResult expected, boolean duplicate) {
    BeginResult result = BeginResult.fromReply(reply);

    assertThat(result).isEqualTo(expected);
    assertThat(result.duplicate()).isEqualTo(duplicate);
  }

  @Test
  void aReplyNoScriptGivesIsRefusedSayingSo() {
    assertThatThrownBy(() -> BeginResult.fromReply(-3))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("replied -3");
  }
}
