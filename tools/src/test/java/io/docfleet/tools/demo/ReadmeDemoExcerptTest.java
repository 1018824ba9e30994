package io.docfleet.tools.demo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.testing.SlowTest;
import io.docfleet.testing.TestRedis;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's sample output in the README is what a run prints: its header row, and each document
 * row it shows (all but the time, which varies from run to run), come out of a demo run over those
 * documents, and so does its spend line (but for its counts). The README's rows are of text-layer
 * PDFs, so tesseract's version does not change them.
 */
@SlowTest
class ReadmeDemoExcerptTest {
  private static final String SECTION = "### What the demo does and prints";
  private static final String ROUND_ONE = "round 1: new content:";

  @TempDir Path logs;
  @TempDir Path shown;

  @Test
  void theReadmesSampleRowsAreOnesADemoRunPrints() throws Exception {
    Path root = repositoryRoot();
    List<String> excerpt = excerpt(Files.readString(root.resolve("README.md"), UTF_8));
    String header =
        excerpt.stream().filter(l -> l.startsWith("  document ")).findFirst().orElse("");
    List<String> rows =
        excerpt.stream()
            .filter(l -> l.startsWith("  ") && Files.isRegularFile(sample(root, l)))
            .toList();
    assertThat(header).as("the README's sample header row").isNotEmpty();
    assertThat(rows).as("the README's sample rows").isNotEmpty();
    for (String row : rows) {
      Path file = sample(root, row);
      Files.copy(file, shown.resolve(file.getFileName()));
    }

    String transcript = run(shown);

    List<String> printed = roundOne(transcript);
    assertThat(printed).as(transcript).isNotEmpty();
    assertThat(tokens(printed.get(0))).as("the header row").isEqualTo(tokens(header));
    for (String row : rows) {
      String file = tokens(row).get(0);
      String ran =
          printed.stream()
              .filter(l -> tokens(l).get(0).equals(file))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no row for " + file + " in\n" + transcript));
      assertThat(withoutTime(ran)).as("the README's row of " + file).isEqualTo(withoutTime(row));
    }
    String spend = excerpt.stream().filter(l -> l.startsWith("spend")).findFirst().orElseThrow();
    assertThat(
            transcript
                .lines()
                .filter(l -> l.startsWith("spend"))
                .map(ReadmeDemoExcerptTest::figures))
        .as("the README's spend line, but for its figures, is the one a run prints")
        .containsExactly(figures(spend));
  }

  /** A line with every number as {@code N}: the counts depend on the documents run. */
  private static String figures(String line) {
    return line.replaceAll("\\d+", "N");
  }

  /** The first code block of the README's demo section. */
  private static List<String> excerpt(String readme) {
    int section = readme.indexOf(SECTION + "\n");
    assertThat(section).as("the README's section " + SECTION).isNotNegative();
    int open = readme.indexOf("\n```\n", section);
    int close = readme.indexOf("\n```\n", open + 5);
    assertThat(open).isPositive();
    assertThat(close).isGreaterThan(open);
    return readme.substring(open + 5, close).lines().toList();
  }

  /** Round 1's table as printed: the header row, then a row per document, up to its total. */
  private static List<String> roundOne(String transcript) {
    List<String> lines = transcript.lines().toList();
    int start = lines.indexOf(ROUND_ONE);
    if (start < 0) {
      return List.of();
    }
    List<String> table = lines.subList(start + 1, lines.size());
    int total = 0;
    while (total < table.size() && !table.get(total).startsWith("  total ")) {
      total++;
    }
    return table.subList(0, total);
  }

  private static Path sample(Path root, String row) {
    return root.resolve("samples").resolve(tokens(row).get(0));
  }

  private static List<String> tokens(String line) {
    return Arrays.asList(line.strip().split("\\s+"));
  }

  /** A row's columns without its last, the time ("2.20 s"). */
  private static List<String> withoutTime(String row) {
    List<String> columns = tokens(row);
    assertThat(columns.get(columns.size() - 1)).as(row).isEqualTo("s");
    return columns.subList(0, columns.size() - 2);
  }

  private String run(Path samples) throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    DemoConsole console = new DemoConsole(new PrintStream(printed, true, UTF_8), false);
    PipelineDemoOptions options =
        new PipelineDemoOptions(samples, Duration.ofMinutes(3), false, logs, false);
    try (PipelineDemo demo =
        new PipelineDemo(
            options, DemoTest.environment(TestRedis.uniquePrefix("readme-demo")), console)) {
      demo.run();
    }
    return printed.toString(UTF_8);
  }

  private static Path repositoryRoot() throws IOException {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("samples/MANIFEST.md"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("a samples/MANIFEST.md above the working folder").isNotNull();
    return dir;
  }
}
