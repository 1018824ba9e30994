package io.docfleet.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docfleet.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineDemoOptionsTest {
  @TempDir Path folder;

  @Test
  void defaultsToTheRepositorySamplesAndLogsAndFiveMinutesARound() {
    PipelineDemoOptions options = PipelineDemoOptions.parse(List.of());

    assertThat(options.samples().resolve("MANIFEST.md")).isRegularFile();
    assertThat(options.logDir())
        .isEqualTo(options.samples().getParent().resolve("target").resolve("demo"));
    assertThat(options.timeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(options.keep()).isFalse();
  }

  @Test
  void readsEveryOptionAndTheLastSamplesFolderWins() {
    PipelineDemoOptions options =
        PipelineDemoOptions.parse(
            List.of(
                "--samples",
                "elsewhere",
                "--samples=" + folder,
                "--timeout",
                "90s",
                "--keep",
                "--log-dir",
                "logs"));

    assertThat(options.samples()).isEqualTo(folder.toAbsolutePath().normalize());
    assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(options.keep()).isTrue();
    assertThat(options.logDir()).isEqualTo(Path.of("logs"));
  }

  @Test
  void aSamplesFolderThatIsNotThereOrAQueueOptionIsRefusedNamingIt() throws Exception {
    Path file = Files.writeString(folder.resolve("a.txt"), "x");

    assertThatThrownBy(() -> PipelineDemoOptions.parse(List.of("--samples", file.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("--samples");
    assertThatThrownBy(() -> PipelineDemoOptions.parse(List.of("--tasks", "5")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("--tasks");
  }
}
