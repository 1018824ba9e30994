package io.docfleet.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.localservers.ServerProcesses;
import io.docfleet.testing.SlowTest;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code scripts/coordinator} where no Redis answers: one line that says where it looked
 * and what to set, exit 1 (as for a PostgreSQL it cannot reach), no stack trace, and never the
 * password of REDIS_URL. {@code DOCFLEET_CLASSPATH} runs this module's classes without a build.
 */
@SlowTest
class CoordinatorScriptTest {
  private static final Path SCRIPT =
      Path.of("").toAbsolutePath().getParent().resolve("scripts/coordinator");
  private static final String PASSWORD = "Sh0uld-N3ver-Show";

  @TempDir Path folder;

  /** This module's class path without the worker's (a test dependency with a logback.xml too). */
  private static String coordinatorClassPath() {
    return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.contains("docfleet-worker") && !entry.contains("/worker/target/"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  @Test
  void withNoRedisAnsweringTheCoordinatorSaysSoInOneLineWithoutThePassword() throws Exception {
    int port = ServerProcesses.freePorts(1, ServerProcesses::isFree).get(0);
    Path out = folder.resolve("out");
    Path err = folder.resolve("err");
    ProcessBuilder builder =
        new ProcessBuilder(SCRIPT.toString())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Map<String, String> env = builder.environment();
    env.clear();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx128m");
    env.put("DOCFLEET_CLASSPATH", coordinatorClassPath());
    env.put("REDIS_URL", "redis://app:" + PASSWORD + "@127.0.0.1:" + port);

    Process process = builder.start();
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the coordinator ended").isTrue();
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    String stderr = Files.readString(err, StandardCharsets.UTF_8);

    assertThat(process.exitValue()).as(stdout + stderr).isEqualTo(1);
    assertThat(List.copyOf(stderr.lines().toList()))
        .as(stdout + stderr)
        .singleElement()
        .asString()
        .startsWith("docfleet coordinator: cannot connect to Redis at redis://127.0.0.1:" + port)
        .contains("REDIS_URL");
    assertThat(stdout + stderr).doesNotContain(PASSWORD).doesNotContain("\tat ");
  }
}
