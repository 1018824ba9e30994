package io.docfleet.worker.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.testing.ScriptRun;
import io.docfleet.testing.SlowTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/lib/build.sh} builds a stale jar with Maven, whose output reaches standard error
 * without the colour codes Maven 3.8 writes even in batch mode (they came ahead of the demo's
 * report in a terminal), and keeps Maven's failure. A stand-in {@code mvn} plays Maven in a copy of
 * the repository's layout.
 */
@SlowTest
class BuildScriptTest {
  private static final String ESC = "\u001b";

  @TempDir Path root;
  @TempDir Path bin;

  private ScriptRun build(String mvnExit) throws Exception {
    Files.createDirectories(root.resolve("scripts/lib"));
    Files.copy(
        ScriptRun.REPOSITORY.resolve("scripts/lib/build.sh"), root.resolve("scripts/lib/build.sh"));
    for (String pom : List.of("pom.xml", "common/pom.xml", "worker/pom.xml")) {
      Files.createDirectories(root.resolve(pom).getParent());
      Files.writeString(root.resolve(pom), "<project/>");
    }
    Path mvn = bin.resolve("mvn");
    Files.writeString(
        mvn,
        "#!/usr/bin/env bash\n"
            + "printf '\\033[0m\\033[0mcompiling\\033[1;31m worker\\033[m\\n'\n"
            + "printf '\\033[0mwarning on stderr\\n' >&2\n"
            + "mkdir -p worker/target && : > worker/target/docfleet-worker.jar\n"
            + "exit "
            + mvnExit
            + "\n");
    Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
    Map<String, String> env = ScriptRun.baseEnvironment();
    env.remove("DOCFLEET_CLASSPATH");
    env.put("PATH", bin + ":" + env.get("PATH"));
    return ScriptRun.runCommand(
        root,
        env,
        Duration.ofMinutes(1),
        List.of(
            "bash",
            "-c",
            "set -euo pipefail; source scripts/lib/build.sh; docfleet_build_if_needed;"
                + " echo built"));
  }

  @Test
  void mavensOutputReachesStandardErrorWithoutEscapeCodes() throws Exception {
    ScriptRun run = build("0");

    assertThat(run.exit()).as(run.transcript()).isZero();
    assertThat(run.out()).isEqualTo("built\n");
    assertThat(run.err())
        .contains("building worker/target/docfleet-worker.jar")
        .contains("compiling worker", "warning on stderr")
        .doesNotContain(ESC);
  }

  @Test
  void aFailedBuildStillFailsTheScript() throws Exception {
    ScriptRun run = build("1");

    assertThat(run.exit()).as(run.transcript()).isNotZero();
    assertThat(run.out()).doesNotContain("built");
    assertThat(run.err()).contains("the build failed").doesNotContain(ESC);
  }

  @Test
  void theToolsJarIsBuiltWithTheWorkerJarItsBenchmarksRunAndAgainWhenThatOneIsGone()
      throws Exception {
    Files.createDirectories(root.resolve("scripts/lib"));
    Files.copy(
        ScriptRun.REPOSITORY.resolve("scripts/lib/build.sh"), root.resolve("scripts/lib/build.sh"));
    for (String module : List.of("", "common/", "local-servers/", "worker/", "tools/")) {
      Files.createDirectories(root.resolve(module + "src/main"));
      Files.writeString(root.resolve(module + "pom.xml"), "<project/>");
    }
    Path mvn = bin.resolve("mvn");
    Files.writeString(
        mvn,
        "#!/usr/bin/env bash\n"
            + "echo \"mvn $*\" >> mvn-calls.txt\n"
            + "mkdir -p worker/target tools/target\n"
            + ": > worker/target/docfleet-worker.jar\n"
            + ": > tools/target/docfleet-tools.jar\n");
    Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
    Map<String, String> env = ScriptRun.baseEnvironment();
    env.remove("DOCFLEET_CLASSPATH");
    env.put("PATH", bin + ":" + env.get("PATH"));
    List<String> buildTools =
        List.of(
            "bash",
            "-c",
            "set -euo pipefail; source scripts/lib/build.sh; docfleet_build_tools_if_needed");

    ScriptRun first = ScriptRun.runCommand(root, env, Duration.ofMinutes(1), buildTools);
    ScriptRun current = ScriptRun.runCommand(root, env, Duration.ofMinutes(1), buildTools);
    Files.delete(root.resolve("worker/target/docfleet-worker.jar"));
    ScriptRun workerGone = ScriptRun.runCommand(root, env, Duration.ofMinutes(1), buildTools);

    assertThat(first.exit()).as(first.transcript()).isZero();
    assertThat(first.err()).contains("building tools/target/docfleet-tools.jar");
    assertThat(current.err()).as(current.transcript()).doesNotContain("building");
    assertThat(workerGone.err()).contains("building tools/target/docfleet-tools.jar");
    assertThat(Files.readAllLines(root.resolve("mvn-calls.txt")))
        .hasSize(2)
        .allMatch(call -> call.contains(" -pl tools -am package"));
    assertThat(root.resolve("worker/target/docfleet-worker.jar")).exists();
  }
}
