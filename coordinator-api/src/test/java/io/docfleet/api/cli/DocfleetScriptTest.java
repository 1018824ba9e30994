package io.docfleet.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.docfleet.api.TestCoordinator;
import io.docfleet.testing.SlowTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code scripts/docfleet} as a process: it dispatches to the CLI, passes arguments and
 * the environment through, and keeps the exit status. {@code DOCFLEET_CLASSPATH} points it at this
 * test's class path, so it runs what was just compiled instead of building the jar.
 */
@SlowTest
class DocfleetScriptTest {
  @RegisterExtension static final TestCoordinator api = TestCoordinator.withEnv(Map.of());
  private static final Path SCRIPT =
      Path.of("").toAbsolutePath().getParent().resolve("scripts/docfleet");

  @TempDir Path folder;

  record Run(int exit, String out, String err) {}

  private Run script(String... args) throws Exception {
    Path out = folder.resolve("out-" + System.nanoTime());
    Path err = folder.resolve("err-" + System.nanoTime());
    ProcessBuilder builder =
        new ProcessBuilder(
                java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(SCRIPT.toString()), List.of(args).stream())
                    .toList())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Map<String, String> env = builder.environment();
    env.clear();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx128m");
    env.put("DOCFLEET_CLASSPATH", System.getProperty("java.class.path"));
    env.put("DOCFLEET_URL", "http://127.0.0.1:" + api.server().port());
    env.put("DOCFLEET_TOKEN", TestCoordinator.TOKEN);
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("scripts/docfleet " + String.join(" ", args) + " did not end");
    }
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void theScriptRunsTheCliWithItsArgumentsEnvironmentAndExitStatus() throws Exception {
    Path file = folder.resolve("memo.txt");
    Files.writeString(file, "Memo from the legal department.");

    Run submit = script("submit", "--json", "--id", "memo-1", file.toString());
    Run status = script("status", "memo-1");
    Run unknown = script("status", "memo-404");
    Run usage = script();
    Run help = script("help");

    assertThat(submit.exit()).as(submit.err()).isZero();
    assertThat(new ObjectMapper().readTree(submit.out()).get("documentId").asText())
        .isEqualTo("memo-1");
    assertThat(api.context().store().documents().find("memo-1")).isPresent();
    assertThat(status.exit()).as(status.err()).isZero();
    assertThat(status.out()).containsPattern("status\\s+queued");
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err()).contains("no document memo-404");
    assertThat(usage.exit()).isEqualTo(2);
    assertThat(usage.err()).contains("usage: scripts/docfleet").contains("monitor");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("migrate-keys").contains("dead list|retry|purge");
  }
}
