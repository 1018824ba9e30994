package io.docfleet.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docfleet.config.ConfigException;
import io.docfleet.config.Env;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoOptionsTest {
  private static final Env NO_ENV = new Env(Map.of());

  @Test
  void defaultsToThreeThousandTasksOnTwoWorkers() {
    DemoOptions options = DemoOptions.parse(List.of(), NO_ENV);

    assertThat(options.tasks()).isEqualTo(3000);
    assertThat(options.failingEach()).isEqualTo(5);
    assertThat(options.workers()).isEqualTo(2);
    assertThat(options.timeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(options.keep()).isFalse();
  }

  @Test
  void readsOptionsWithSpaceOrEqualsAndLetTheLastLogDirWin() {
    DemoOptions options =
        DemoOptions.parse(
            List.of(
                "--tasks=500",
                "--failing",
                "0",
                "--keep",
                "--timeout",
                "90s",
                "--log-dir",
                "a",
                "--log-dir=b"),
            NO_ENV);

    assertThat(options.tasks()).isEqualTo(500);
    assertThat(options.failingEach()).isZero();
    assertThat(options.keep()).isTrue();
    assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(options.logDir()).isEqualTo(Path.of("b"));
  }

  @Test
  void takesTheTaskCountFromTheEnvironmentUnlessGiven() {
    Env env = new Env(Map.of("DEMO_TASKS", "700"));

    assertThat(DemoOptions.parse(List.of(), env).tasks()).isEqualTo(700);
    assertThat(DemoOptions.parse(List.of("--tasks", "9"), env).tasks()).isEqualTo(9);
    assertThat(DemoOptions.parse(List.of("--tasks", "9"), env).failingEach())
        .as("the default number of failing tasks shrinks with a small run")
        .isEqualTo(4);
  }

  @Test
  void namesTheOptionThatIsWrong() {
    assertThatThrownBy(() -> DemoOptions.parse(List.of("--tasks", "many"), NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("--tasks");
    assertThatThrownBy(() -> DemoOptions.parse(List.of("--failing", "3", "--tasks", "5"), NO_ENV))
        .hasMessageContaining("--failing");
    assertThatThrownBy(() -> DemoOptions.parse(List.of("--fast"), NO_ENV))
        .hasMessageContaining("--fast");
    assertThatThrownBy(() -> DemoOptions.parse(List.of("--tasks"), NO_ENV))
        .hasMessageContaining("--tasks");
  }

  @Test
  void thePipelineDemoRunsTheLocalEnginesUnlessAskedForTheStandIns(@TempDir Path samples) {
    assertThat(PipelineDemoOptions.parse(List.of("--samples", samples.toString())).standIns())
        .isFalse();
    assertThat(
            PipelineDemoOptions.parse(List.of("--samples", samples.toString(), "--stand-ins"))
                .standIns())
        .isTrue();
    assertThat(PipelineDemoOptions.USAGE).contains("--stand-ins");
  }
}
