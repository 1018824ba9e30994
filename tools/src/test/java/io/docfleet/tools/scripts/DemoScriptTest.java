package io.docfleet.tools.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.localservers.ServerProcesses;
import io.docfleet.store.DatabaseSettings;
import io.docfleet.testing.PathWithout;
import io.docfleet.testing.ScriptRun;
import io.docfleet.testing.SlowTest;
import io.docfleet.testing.TestDatabase;
import io.docfleet.testing.TestRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code scripts/demo} on a machine as the README promises it: without tesseract it runs
 * what needs no OCR and says once what it skipped and how to install tesseract; the servers it
 * starts log to the run's folder, not into the report; its help names the log folder it uses.
 */
@SlowTest
class DemoScriptTest {
  private static final Duration DEMO_TIMEOUT = Duration.ofMinutes(4);
  private static final String ESC = "\u001b";

  @TempDir Path folder;
  @TempDir Path noTesseract;
  @TempDir Path logs;

  /** The test's Redis and PostgreSQL, small pools, no tesseract on the PATH. */
  private Map<String, String> environment() throws Exception {
    Map<String, String> env = ScriptRun.baseEnvironment();
    env.put("PATH", PathWithout.programs(noTesseract, Set.of("tesseract")));
    env.put("REDIS_URL", TestRedis.url());
    DatabaseSettings server = TestDatabase.server();
    env.put("DATABASE_URL", server.url());
    env.put("DATABASE_USER", server.user());
    server.password().ifPresent(secret -> env.put("DATABASE_PASSWORD", secret.value()));
    env.put("WORKER_CONCURRENCY", "2");
    env.put("CACHE_TIMEOUT", "5s");
    return env;
  }

  @Test
  void withoutTesseractTheDemoRunsTheRestSaysOnceWhatItSkippedAndSucceeds() throws Exception {
    ScriptRun demo =
        ScriptRun.run(folder, environment(), DEMO_TIMEOUT, "demo", "--log-dir", logs.toString());

    assertThat(demo.exit()).as(demo.transcript()).isZero();
    List<String> install = demo.out().lines().filter(l -> l.contains("apt-get install")).toList();
    assertThat(install).as(demo.transcript()).hasSize(1);
    assertThat(install.get(0))
        .startsWith("tesseract is not installed")
        .contains("sudo apt-get install tesseract-ocr", "brew install tesseract")
        .contains("letter-past-due-notice.png", "scanned-stipulation-of-settlement.pdf");
    assertThat(demo.out())
        .containsPattern("letter-past-due-notice\\.png +skipped")
        .containsPattern("scanned-stipulation-of-settlement\\.pdf +skipped")
        .containsPattern("email-settlement-proposal\\.txt +completed")
        .containsPattern("contract-master-services-agreement\\.pdf +completed")
        .contains("round 2 made no provider call", "demo finished");
    assertThat(demo.err()).as(demo.transcript()).doesNotContain("Exception");
  }

  @Test
  void aWorkerThatCannotStartIsExplainedInTheReport() throws Exception {
    Map<String, String> env = environment();
    env.put("OCR_ENGINE", "tesseract");

    ScriptRun demo = ScriptRun.run(folder, env, DEMO_TIMEOUT, "demo", "--log-dir", logs.toString());

    assertThat(demo.exit()).as(demo.transcript()).isEqualTo(1);
    assertThat(demo.out())
        .as(demo.transcript())
        .contains("worker-ocr exited with code 2 before it registered: bad configuration:")
        .contains("OCR_ENGINE=tesseract needs tesseract");
  }

  @Test
  void theServersItStartsLogToTheRunsFolderAndTheReportHasNoEscapeCodes() throws Exception {
    Path samples = Files.createDirectory(folder.resolve("samples"));
    Files.copy(
        ScriptRun.REPOSITORY.resolve("samples/email-settlement-proposal.txt"),
        samples.resolve("email.txt"));
    int port = ServerProcesses.freePorts(1, ServerProcesses::isFree).get(0);
    Map<String, String> env = environment();
    env.put("DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + port + "/postgres");
    env.remove("DATABASE_PASSWORD");
    env.put("DATABASE_USER", "postgres");

    ScriptRun demo =
        ScriptRun.run(
            folder,
            env,
            DEMO_TIMEOUT,
            "demo",
            "--samples",
            samples.toString(),
            "--log-dir",
            logs.toString());

    assertThat(demo.exit()).as(demo.transcript()).isZero();
    assertThat(demo.out())
        .as(demo.transcript())
        .contains("started the embedded PostgreSQL", "round 2 made no provider call");
    for (String stream : List.of(demo.out(), demo.err())) {
      assertThat(stream)
          .as(demo.transcript())
          .doesNotContain(ESC)
          .doesNotContain("initdb")
          .doesNotContain("database system")
          .doesNotContain("EmbeddedPostgres");
    }
    Path run =
        Path.of(
            demo.out()
                .lines()
                .filter(line -> line.startsWith("logs:"))
                .findFirst()
                .orElseThrow()
                .substring("logs:".length())
                .strip());
    assertThat(run).startsWith(logs);
    try (var files = Files.list(run)) {
      assertThat(run.resolve("postgresql.log"))
          .as(demo.transcript() + "\nin " + run + ": " + files.toList())
          .content()
          .contains("database system");
    }
  }

  @Test
  void theHelpNamesTheLogFolderTheScriptUses() throws Exception {
    ScriptRun pipeline =
        ScriptRun.run(folder, ScriptRun.baseEnvironment(), Duration.ofMinutes(1), "demo", "--help");
    ScriptRun queue =
        ScriptRun.run(
            folder,
            ScriptRun.baseEnvironment(),
            Duration.ofMinutes(1),
            "demo",
            "--queue",
            "--help");

    for (ScriptRun help : List.of(pipeline, queue)) {
      assertThat(help.exit()).as(help.transcript()).isZero();
      String oneLine = help.out().replaceAll("\\s+", " ");
      assertThat(oneLine).as(help.transcript()).contains("--log-dir DIR", "environment:");
      String logDir =
          oneLine.substring(oneLine.indexOf("--log-dir DIR "), oneLine.indexOf("environment:"));
      assertThat(logDir).contains("(default: target/demo/ of the repository)");
    }
    assertThat(Files.readString(ScriptRun.REPOSITORY.resolve("scripts/demo")))
        .contains("--log-dir \"$DOCFLEET_ROOT/target/demo\"");
  }
}
