package io.docfleet.tools.demo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.redis.PrefixKeys;
import io.docfleet.redis.RedisKeys;
import io.docfleet.store.DatabaseSettings;
import io.docfleet.testing.SlowTest;
import io.docfleet.testing.TestDatabase;
import io.docfleet.testing.TestRedis;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the pipeline demo end to end over the committed samples: two worker JVMs on the test Redis
 * and PostgreSQL, the local engines (without tesseract on the machine, only the text samples).
 */
@SlowTest
class DemoTest {
  @TempDir Path logs;
  @TempDir Path textOnly;

  @Test
  void everySampleCompletesWithItsEntitiesAndTheSecondRoundCostsNoProviderCall() throws Exception {
    String prefix = TestRedis.uniquePrefix("demo");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    DemoConsole console = new DemoConsole(new PrintStream(printed, true, UTF_8), false);
    Path samples = samples();
    PipelineDemoOptions options =
        new PipelineDemoOptions(samples, Duration.ofMinutes(3), false, logs, false);

    PipelineDemoOutcome outcome;
    try (PipelineDemo demo = new PipelineDemo(options, environment(prefix), console)) {
      outcome = demo.run();
    }

    String transcript = printed.toString(UTF_8);
    List<String> files = documents(samples);
    DemoRound first = outcome.first();
    assertThat(first.rows()).as(transcript).hasSize(files.size());
    assertThat(first.rows())
        .as(transcript)
        .allSatisfy(
            row -> {
              assertThat(row.status()).isEqualTo("completed");
              assertThat(row.pages()).isPositive();
              assertThat(row.characters()).isPositive();
              assertThat(row.entityCount()).isPositive();
              assertThat(row.providerCalls()).isPositive();
            });
    assertThat(first.rows())
        .extracting(DocumentRow::file)
        .containsExactlyElementsOf(files)
        .doesNotContain("MANIFEST.md");
    assertThat(row(first, "contract-master-services-agreement.pdf").entities())
        .containsKeys("organization", "date", "money", "email", "phone");

    DemoRound second = outcome.second().orElseThrow();
    assertThat(second.rows())
        .as(transcript)
        .allSatisfy(
            row -> {
              assertThat(row.status()).isEqualTo("completed");
              assertThat(row.providerCalls()).isZero();
              assertThat(row.cacheHits()).isPositive();
            });
    assertThat(second.cacheHits()).isEqualTo(first.providerCalls());
    for (DocumentRow again : second.rows()) {
      DocumentRow before = row(first, again.file());
      assertThat(again.entities()).isEqualTo(before.entities());
      assertThat(again.characters()).isEqualTo(before.characters());
      assertThat(again.documentId()).isNotEqualTo(before.documentId());
    }
    assertThat(outcome.asExpected()).isTrue();
    assertThat(outcome.speedUp()).isPresent();

    assertThat(PrefixKeys.any(TestRedis.client(), new RedisKeys(prefix)))
        .as("the run's keys are removed at the end")
        .isFalse();
    assertThat(transcript)
        .contains(
            "round 1: new content:",
            "round 2 made no provider call",
            "faster than round 1",
            "spend: round 1 spent $0.00 (local engines are free",
            "dropped the run's schema docfleet_demo_");
  }

  private static DocumentRow row(DemoRound round, String file) {
    return round.rows().stream().filter(r -> r.file().equals(file)).findFirst().orElseThrow();
  }

  /** The demo's environment in tests: the test Redis and PostgreSQL, a key prefix of its own. */
  static Map<String, String> environment(String prefix) {
    Map<String, String> env = new HashMap<>(System.getenv());
    DatabaseSettings server = TestDatabase.server();
    env.put("REDIS_URL", TestRedis.url());
    env.put("DATABASE_URL", server.url());
    env.put("DATABASE_USER", server.user());
    server.password().ifPresent(secret -> env.put("DATABASE_PASSWORD", secret.value()));
    env.put("DOCFLEET_KEY_PREFIX", prefix);
    env.put("WORKER_CONCURRENCY", "2");
    env.put("CACHE_TIMEOUT", "5s");
    return env;
  }

  /** The committed samples; only their text files where tesseract cannot run. */
  private Path samples() throws IOException {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("samples/MANIFEST.md"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("a samples/MANIFEST.md above the working folder").isNotNull();
    Path committed = dir.resolve("samples");
    if (tesseractRuns()) {
      return committed;
    }
    for (String name : documents(committed)) {
      if (!name.startsWith("scanned-") && !name.endsWith(".png")) {
        Files.copy(committed.resolve(name), textOnly.resolve(name));
      }
    }
    return textOnly;
  }

  private static List<String> documents(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(name -> !name.equals("MANIFEST.md"))
          .sorted()
          .toList();
    }
  }

  private static boolean tesseractRuns() {
    try {
      Process probe =
          new ProcessBuilder("tesseract", "--version")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
