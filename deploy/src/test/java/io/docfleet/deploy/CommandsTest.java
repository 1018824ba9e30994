package io.docfleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** A test that needs a program skips without it on a developer's machine, and fails in CI. */
class CommandsTest {
  private static final String MISSING = "docfleet-no-such-program";

  @Test
  void aMissingProgramSkipsTheTestOutsideCi() {
    for (Map<String, String> environment :
        List.of(Map.<String, String>of(), Map.of("CI", "false"))) {
      assertThatThrownBy(() -> Commands.required(MISSING, "apt-get install it", "why", environment))
          .isInstanceOf(TestAbortedException.class)
          .hasMessageContaining(MISSING + " is not on the PATH (apt-get install it): why");
    }
  }

  @Test
  void aMissingProgramFailsTheTestInCi() {
    assertThatThrownBy(
            () -> Commands.required(MISSING, "apt-get install it", "why", Map.of("CI", "true")))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("CI=true, where .ci/run installs it");
  }

  @Test
  void aProgramOnThePathIsFound() {
    assertThat(Commands.required("sh", "", "", Map.of("CI", "true")).getFileName())
        .hasToString("sh");
  }
}
