package io.docfleet.tools.demo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.testing.SlowTest;
import io.docfleet.testing.TestRedis;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/demo --stand-ins} end to end over three samples (a text-layer PDF, the scanned PDF
 * and the text file): the workers' paid engines call the OpenAI and Textract stand-ins, round 1
 * costs money in the ledger, round 2 none and saves it, and the ledger matches what the stand-ins
 * served.
 */
@SlowTest
class DemoStandInsTest {
  private static final List<String> FILES =
      List.of(
          "order-motion-to-dismiss.pdf",
          "scanned-stipulation-of-settlement.pdf",
          "email-settlement-proposal.txt");

  @TempDir Path logs;
  @TempDir Path samples;

  @Test
  void roundOneCostsWhatTheStandInsServedAndRoundTwoSavesItAll() throws Exception {
    Path committed = repositorySamples();
    for (String file : FILES) {
      Files.copy(committed.resolve(file), samples.resolve(file));
    }
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    DemoConsole console = new DemoConsole(new PrintStream(printed, true, UTF_8), false);
    PipelineDemoOptions options =
        new PipelineDemoOptions(samples, Duration.ofMinutes(2), false, logs, true);

    PipelineDemoOutcome outcome;
    try (PipelineDemo demo =
        new PipelineDemo(
            options, DemoTest.environment(TestRedis.uniquePrefix("demo-stand-ins")), console)) {
      outcome = demo.run();
    }

    String transcript = printed.toString(UTF_8);
    assertThat(outcome.asExpected()).as(transcript).isTrue();
    assertThat(outcome.spendMatches()).isTrue();
    DemoRound first = outcome.first();
    assertThat(first.rows()).as(transcript).allMatch(DocumentRow::completed);
    assertThat(first.providerCalls()).isPositive();
    assertThat(outcome.second().orElseThrow().cacheHits()).isEqualTo(first.providerCalls());
    List<String> spend = transcript.lines().filter(l -> l.startsWith("spend")).toList();
    assertThat(spend).as(transcript).hasSize(2);
    assertThat(spend.get(0))
        .startsWith("spend (from the ledger): round 1 spent $")
        .doesNotContain("round 1 spent $0.00 ")
        .contains("Textract pages", "input tokens", "round 2 spent $0.00 and saved $");
    assertThat(spend.get(1)).endsWith("matches what the stand-ins served");
    assertThat(transcript)
        .contains("stand-ins:   OpenAI http://127.0.0.1:")
        .contains("engines:     OCR textract, entities openai, structured openai");
  }

  private static Path repositorySamples() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("samples/MANIFEST.md"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("a samples/MANIFEST.md above the working folder").isNotNull();
    return dir.resolve("samples");
  }
}
