package io.docfleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/test's report (scripts/lib/TestReport.java): what it prints as a run goes and at the end.
 */
@Tag("slow")
class TestReportTest {
  private static final Path REPORT = Repo.root().resolve("scripts/lib/TestReport.java");

  @Test
  void aClassWhoseSetUpFailedAndAModuleNeverReachedAreCountedAsNotRun(@TempDir Path repo)
      throws IOException {
    testSource(repo, "common", "a.PassingTest", 2);
    testSource(repo, "common", "a.NoDatabaseTest", 3);
    testSource(repo, "worker", "w.NeverReachedTest", 4);
    report(repo, "common", "a.PassingTest", 2, "<testcase name=\"one\"/><testcase name=\"two\"/>");
    report(
        repo,
        "common",
        "a.NoDatabaseTest",
        1,
        "<testcase name=\"\" classname=\"a.NoDatabaseTest\"><error message=\"no db\"/></testcase>");

    Commands.Result summary = Commands.run(repo, "java", REPORT.toString(), "summary");

    assertThat(summary.ok()).as(summary.err()).isTrue();
    assertThat(summary.out())
        .contains(
            "did not run: about 7 tests, in 1 test classes that failed to start and 1 that never"
                + " started")
        .contains("failed to start: a.NoDatabaseTest")
        .contains("never started: 1 test classes of worker/")
        .endsWith("tests: 2 passed, 1 failed, 0 skipped\n");
  }

  @Test
  void aNarrowedRunCountsOnlyWhatRan(@TempDir Path repo) throws IOException {
    testSource(repo, "common", "a.PassingTest", 2);
    testSource(repo, "worker", "w.LeftOutTest", 4);
    report(repo, "common", "a.PassingTest", 2, "<testcase name=\"one\"/><testcase name=\"two\"/>");

    Commands.Result summary = Commands.run(repo, "java", REPORT.toString(), "summary", "--partial");

    assertThat(summary.out()).isEqualTo("tests: 2 passed, 0 failed, 0 skipped\n");
  }

  @Test
  void aFastRunLeavesOutTheSlowClassesItExcludedAndStillCountsAnyOtherThatNeverStarted(
      @TempDir Path repo) throws IOException {
    testSource(repo, "common", "a.PassingTest", 2);
    testSource(repo, "worker", "w.KillTest", 3, "@SlowTest");
    testSource(repo, "deploy", "d.ScriptTest", 1, "@Tag(\"slow\")");
    testSource(repo, "worker", "w.NeverReachedTest", 4);
    report(repo, "common", "a.PassingTest", 2, "<testcase name=\"one\"/><testcase name=\"two\"/>");

    Commands.Result summary = Commands.run(repo, "java", REPORT.toString(), "summary", "--fast");

    assertThat(summary.ok()).as(summary.err()).isTrue();
    assertThat(summary.out())
        .startsWith("left out as slow (--fast): 2 test classes, about 4 tests\n")
        .contains(
            "did not run: about 4 tests, in 0 test classes that failed to start and 1 that never"
                + " started")
        .contains("never started: 1 test classes of worker/")
        .endsWith("tests: 2 passed, 0 failed, 0 skipped\n");
  }

  @Test
  void progressPrintsALinePerModuleAndPerFinishedClass(@TempDir Path dir) throws IOException {
    Path maven = dir.resolve("maven.out");
    Files.writeString(
        maven,
        String.join(
            "\n",
            "[INFO] Building docfleet common: keys and queue 0.1.0-SNAPSHOT                [2/5]",
            "[INFO] Running io.docfleet.queue.QueueScriptsTest",
            "12:00:01 INFO some log line a test printed",
            "[INFO] Tests run: 12, Failures: 0, Errors: 0, Skipped: 1, Time elapsed: 1.5 s -- in"
                + " io.docfleet.queue.QueueScriptsTest",
            "[ERROR] Tests run: 3, Failures: 1, Errors: 1, Skipped: 0, Time elapsed: 0.2 s <<<"
                + " FAILURE! -- in io.docfleet.queue.TaskCodecTest",
            ""));

    Commands.Result progress =
        Commands.runWithInput(maven, dir, "java", REPORT.toString(), "progress");

    assertThat(progress.out().lines())
        .containsExactly(
            "[2/5] docfleet common: keys and queue",
            "  ok   QueueScriptsTest                               12 tests, 1 skipped        1.5 s",
            "  FAIL TaskCodecTest                                  3 tests, 2 failed          0.2 s");
  }

  private static void testSource(Path repo, String module, String className, int tests)
      throws IOException {
    testSource(repo, module, className, tests, "");
  }

  private static void testSource(
      Path repo, String module, String className, int tests, String annotation) throws IOException {
    Path file = repo.resolve(module + "/src/test/java/" + className.replace('.', '/') + ".java");
    Files.createDirectories(file.getParent());
    StringBuilder body =
        new StringBuilder(annotation + "\nclass " + simpleName(className) + " {\n");
    for (int i = 0; i < tests; i++) {
      body.append("  @Test void case").append(i).append("() {}\n");
    }
    Files.writeString(file, body.append("}\n").toString());
  }

  private static void report(Path repo, String module, String className, int tests, String cases)
      throws IOException {
    Path folder = Files.createDirectories(repo.resolve(module + "/target/surefire-reports"));
    int errors = cases.contains("<error") ? 1 : 0;
    Files.writeString(
        folder.resolve("TEST-" + className + ".xml"),
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\""
            + className
            + "\" tests=\""
            + tests
            + "\" errors=\""
            + errors
            + "\" skipped=\"0\" failures=\"0\">"
            + cases
            + "</testsuite>\n");
  }

  private static String simpleName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }
}
