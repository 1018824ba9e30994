package io.docfleet.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docfleet.localservers.PrivateRedisCluster;
import io.docfleet.store.DatabaseSettings;
import io.docfleet.testing.SlowTest;
import io.docfleet.testing.TestDatabase;
import io.docfleet.testing.TestRedis;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the pipeline benchmark with a handful of documents on the test Redis and PostgreSQL, and
 * checks what its report says, never how fast anything was.
 */
@SlowTest
class PipelineBenchmarkTest {
  @TempDir Path logs;

  @Test
  void aTinyRunReportsBothRoundsAndTheWarmRoundMakesNoProviderCall() throws Exception {
    PipelineBenchOptions options =
        new PipelineBenchOptions(
            6,
            0.5,
            2,
            "auto",
            0,
            0,
            2,
            50,
            Duration.ofMinutes(3),
            Optional.of(TestRedis.url()),
            false,
            logs,
            new PipelineBenchOptions.Mixed(8, 0.25, 0.5));
    ByteArrayOutputStream progress = new ByteArrayOutputStream();

    PipelineBenchReport report =
        new PipelineBenchmark(
                options, environment(), new PrintStream(progress, true, StandardCharsets.UTF_8))
            .run();

    String log = progress.toString(StandardCharsets.UTF_8);
    assertThat(report.documents()).isEqualTo(6);
    assertThat(report.distinct()).isEqualTo(3);
    assertThat(report.cold().completed()).as(log).isEqualTo(6);
    assertThat(report.warm().completed()).as(log).isEqualTo(6);
    assertThat(report.cold().providerCalls()).isPositive();
    assertThat(report.cold().cacheHits()).as("the copies cost no call").isPositive();
    assertThat(report.warm().providerCalls()).isZero();
    assertThat(report.warm().cacheHits())
        .isEqualTo(report.cold().providerCalls() + report.cold().cacheHits());
    assertThat(report.cache().misses()).isZero();
    assertThat(report.workerCache().hits()).isPositive();
    assertThat(log).contains("warm-up round", "cold round", "warm round", "mixed round");
    MixedRound.Result mixed = report.mixed().orElseThrow();
    assertThat(mixed.round().completed()).as(log).isEqualTo(8);
    assertThat(mixed.corpus().copies()).isEqualTo(2);
    assertThat(mixed.corpus().revisions()).isEqualTo(3);
    // each document's every lookup counted once: OCR, each chunk, the structured result
    assertThat(mixed.total().hits() + mixed.total().misses())
        .isEqualTo(mixed.round().providerCalls() + mixed.round().cacheHits());
    assertThat(mixed.total().hits()).as("copies and shared chunks").isPositive();
    assertThat(mixed.total().misses()).as("new content").isPositive();
    assertThat(report.footprint().coldPages())
        .as("pages of the 6 cold documents")
        .isGreaterThanOrEqualTo(6);
    assertThat(report.footprint().coldChunks())
        .as("chunks of the 6 cold documents")
        .isGreaterThanOrEqualTo(6);
    assertThat(report.footprint().peakRssKib())
        .containsOnlyKeys("ocr", "entities,structured")
        .allSatisfy((types, kib) -> assertThat(kib).as(types).isGreaterThan(10_000L));

    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    report.print(new PrintStream(printed, true, StandardCharsets.UTF_8));
    String firstLine = printed.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
    JsonNode json = new ObjectMapper().readTree(firstLine);
    assertThat(json.path("bench").asText()).isEqualTo("pipeline");
    assertThat(json.path("documents").asInt()).isEqualTo(6);
    assertThat(json.path("warm").path("provider_calls").asLong()).isZero();
    assertThat(json.path("cold").path("documents_per_s").asDouble()).isPositive();
    assertThat(json.path("warm").path("documents_per_s").asDouble()).isPositive();
    assertThat(json.path("cache_hit_us").path("gets").asInt()).isEqualTo(50);
    assertThat(json.path("cache_hit_us").has("p99")).isTrue();
    assertThat(json.path("cache_batch_us").path("chunks").asInt()).isEqualTo(100);
    assertThat(json.path("worker_cache").has("lock_waits_run_out")).isTrue();
    assertThat(json.path("cold_pages").asLong()).isEqualTo(report.footprint().coldPages());
    assertThat(json.path("worker_peak_rss_kib").path("ocr").asLong()).isPositive();
    assertThat(
            json.path("targets_met").path("zero_provider_calls_for_repeated_content").asBoolean())
        .isTrue();
    assertThat(json.path("targets_met").has("cache_hit_p99_under_1ms")).isTrue();
    assertThat(json.path("targets_met").has("warm_at_least_10x_cold")).isTrue();
    assertThat(json.path("targets_met").has("mixed_cache_hit_rate_at_least_80pct")).isTrue();
    assertThat(json.path("mixed").path("cache_hit_rate").asDouble())
        .isEqualTo(Math.round(mixed.total().hitRate() * 10_000) / 10_000.0);
    assertThat(json.path("mixed").path("cache_hit_rate_by_type").has("entities")).isTrue();
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("cold", "warm", "mixed", "target", "cache hit rate, mixed round", ">= 80%");
  }

  /**
   * The same tiny run with {@code --cluster}: worker processes with {@code REDIS_MODE=cluster} on a
   * private three-primary cluster take the documents through the three stages, and the warm round
   * is answered from the cache on the cluster.
   */
  @Test
  void onAPrivateClusterTheWarmRoundMakesNoProviderCallEither() throws Exception {
    assumeTrue(PrivateRedisCluster.available(), "redis-server and redis-cli are not installed");
    PipelineBenchOptions options =
        new PipelineBenchOptions(
            6,
            0.5,
            2,
            "auto",
            0,
            0,
            0,
            50,
            Duration.ofMinutes(3),
            Optional.empty(),
            true,
            logs,
            PipelineBenchOptions.Mixed.NONE);
    ByteArrayOutputStream progress = new ByteArrayOutputStream();

    PipelineBenchReport report =
        new PipelineBenchmark(
                options, environment(), new PrintStream(progress, true, StandardCharsets.UTF_8))
            .run();

    String log = progress.toString(StandardCharsets.UTF_8);
    assertThat(log).contains("private cluster of 3 primaries");
    assertThat(report.cold().completed()).as(log).isEqualTo(6);
    assertThat(report.warm().completed()).as(log).isEqualTo(6);
    assertThat(report.cold().providerCalls()).isPositive();
    assertThat(report.warm().providerCalls()).isZero();
    assertThat(report.warm().cacheHits())
        .isEqualTo(report.cold().providerCalls() + report.cold().cacheHits());
    assertThat(report.cache().misses()).isZero();
  }

  private static Map<String, String> environment() {
    Map<String, String> env = new HashMap<>(System.getenv());
    DatabaseSettings server = TestDatabase.server();
    env.put("DATABASE_URL", server.url());
    env.put("DATABASE_USER", server.user());
    server.password().ifPresent(secret -> env.put("DATABASE_PASSWORD", secret.value()));
    return env;
  }
}
