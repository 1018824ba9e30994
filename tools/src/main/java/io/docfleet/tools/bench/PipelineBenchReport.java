package io.docfleet.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.cache.CacheMetricsSnapshot;
import io.docfleet.tools.bench.CacheLatency.Timings;
import io.docfleet.worker.pipeline.BatchProgress;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The pipeline benchmark's results, printed as one JSON line (for scripts and commit messages) and
 * a short table for people, each figure beside the target it is held to: a cache hit's p99 under 1
 * ms, no provider call for repeated content, warm throughput at least 10 times cold, a cache hit
 * rate of at least 80% on the mixed round.
 *
 * @param distinct documents of distinct content among {@code documents}
 * @param scanned distinct documents that are scanned, image-only PDFs
 * @param cold the first round: every document new, the cache empty
 * @param warm the same files again as new documents
 * @param mixed the mixed round, unless skipped ({@code --mixed 0})
 * @param workerCache the workers' cache counters over every round: a cache call that failed or ran
 *     out of time, and a wait for another worker's result that ran out ({@code CACHE_LOCK_WAIT}),
 *     each cost a provider call that the cache would otherwise have saved
 */
record PipelineBenchReport(
    PipelineBenchOptions options,
    String redis,
    int documents,
    int distinct,
    int scanned,
    BatchProgress cold,
    BatchProgress warm,
    Optional<MixedRound.Result> mixed,
    CacheMetricsSnapshot workerCache,
    Timings cache,
    Footprint footprint) {

  /** True when every document of every round completed. */
  boolean allCompleted() {
    return cold().completed() == documents()
        && warm().completed() == documents()
        && mixed().map(m -> m.round().completed() == m.round().total()).orElse(true);
  }

  /**
   * What sizes a pod of each type: the pages and chunks of the cold round (each counted once per
   * document, copies included) and each worker's peak resident set, by the task types it served.
   */
  record Footprint(long coldPages, long coldChunks, Map<String, Long> peakRssKib) {
    Footprint {
      peakRssKib = Map.copyOf(peakRssKib);
    }
  }

  static final long HIT_P99_TARGET_MICROS = 1_000;
  static final double WARM_SPEEDUP_TARGET = 10;

  double speedUp() {
    return warm.documentsPerSecond() / Math.max(cold.documentsPerSecond(), 1e-9);
  }

  ObjectNode json() {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("bench", "pipeline");
    root.put("redis", redis);
    root.put("documents", documents);
    root.put("distinct_documents", distinct);
    root.put("duplicate_ratio", options.duplicates());
    root.put("workers", 2);
    root.put("concurrency", options.concurrency());
    root.put("ocr_engine", options.ocrEngine());
    root.put("scan_ratio", options.scanRatio());
    root.put("scanned_documents", scanned);
    root.put("pool_sizes", options.poolSizeFor(1) + "," + options.poolSizeFor(2));
    round(root.putObject("cold"), cold);
    round(root.putObject("warm"), warm);
    mixed.ifPresent(m -> mixed(root.putObject("mixed"), m));
    root.put("warm_speedup", round2(speedUp()));
    root.put("cold_pages", footprint.coldPages());
    root.put("cold_pages_per_s", round2(perColdSecond(footprint.coldPages())));
    root.put("cold_chunks", footprint.coldChunks());
    root.put("cold_chunks_per_s", round2(perColdSecond(footprint.coldChunks())));
    ObjectNode rss = root.putObject("worker_peak_rss_kib");
    new TreeMap<>(footprint.peakRssKib()).forEach(rss::put);
    ObjectNode single = root.putObject("cache_hit_us");
    single.put("gets", cache.single().count());
    single.put("p50", cache.single().p50());
    single.put("p99", cache.single().p99());
    single.put("max", cache.single().max());
    ObjectNode batch = root.putObject("cache_batch_us");
    batch.put("chunks", cache.batchSize());
    batch.put("batched_get", cache.batchMicros());
    batch.put("single_gets", cache.singlesMicros());
    batch.put(
        "times_faster", round2(cache.singlesMicros() / (double) Math.max(1, cache.batchMicros())));
    root.put("cache_misses_while_timing", cache.misses());
    ObjectNode workers = root.putObject("worker_cache");
    workers.put("hits", workerCache.hits());
    workers.put("misses", workerCache.misses());
    workers.put("errors", workerCache.errors());
    workers.put("timeouts", workerCache.timeouts());
    workers.put("lock_waits_run_out", workerCache.lockTimeouts());
    ObjectNode targets = root.putObject("targets_met");
    targets.put("cache_hit_p99_under_1ms", hitTargetMet());
    targets.put("zero_provider_calls_for_repeated_content", warm.providerCalls() == 0);
    targets.put("warm_at_least_10x_cold", speedUp() >= WARM_SPEEDUP_TARGET);
    mixed.ifPresent(m -> targets.put("mixed_cache_hit_rate_at_least_80pct", m.hitRateTargetMet()));
    return root;
  }

  private static void mixed(ObjectNode node, MixedRound.Result mixed) {
    node.put("distinct_documents", mixed.corpus().distinct());
    node.put("revisions", mixed.corpus().revisions());
    node.put("byte_copies", mixed.corpus().copies());
    round(node, mixed.round());
    node.put("cache_hits", mixed.total().hits());
    node.put("cache_misses", mixed.total().misses());
    node.put("cache_hit_rate", round4(mixed.total().hitRate()));
    ObjectNode byType = node.putObject("cache_hit_rate_by_type");
    new TreeMap<>(mixed.cache())
        .forEach(
            (scope, counts) -> {
              if (!scope.equals("total")) {
                byType.put(scope, round4(counts.hitRate()));
              }
            });
  }

  boolean hitTargetMet() {
    return cache.single().p99() < HIT_P99_TARGET_MICROS;
  }

  private double perColdSecond(long count) {
    return count * 1000.0 / Math.max(1, cold.elapsed().toMillis());
  }

  void print(PrintStream out) {
    out.println(json());
    out.println();
    out.printf(
        "%-6s %9s %8s %12s %14s %13s %7s%n",
        "round", "documents", "wall s", "documents/s", "provider calls", "calls avoided", "failed");
    row(out, "cold", cold);
    row(out, "warm", warm);
    mixed.ifPresent(m -> row(out, "mixed", m.round()));
    out.printf(
        "cold round: %d pages (%.1f/s), %d chunks (%.1f/s); worker peak RSS: %s%n",
        footprint.coldPages(),
        perColdSecond(footprint.coldPages()),
        footprint.coldChunks(),
        perColdSecond(footprint.coldChunks()),
        new TreeMap<>(footprint.peakRssKib())
            .entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue() / 1024 + " MiB")
                .toList());
    out.println();
    out.printf("%-44s %12s   %s%n", "measured (machine shared; figures rough)", "value", "target");
    target(
        out,
        "warm vs cold throughput",
        String.format("%.1fx", speedUp()),
        ">= 10x",
        speedUp() >= WARM_SPEEDUP_TARGET);
    target(
        out,
        "provider calls, repeated content (warm)",
        Long.toString(warm.providerCalls()),
        "0",
        warm.providerCalls() == 0);
    mixed.ifPresent(
        m ->
            target(
                out,
                String.format(
                    "cache hit rate, mixed round (%d lookups)",
                    m.total().hits() + m.total().misses()),
                String.format("%.1f%%", 100 * m.total().hitRate()),
                String.format(">= %.0f%%", 100 * MixedRound.HIT_RATE_TARGET),
                m.hitRateTargetMet()));
    target(
        out,
        String.format("cache hit, single get p50/p99 (%d gets)", cache.single().count()),
        String.format("%d/%d us", cache.single().p50(), cache.single().p99()),
        "p99 < 1000 us",
        hitTargetMet());
    out.printf(
        "%-44s %12s   (%d single gets: %d us, %.1fx)%n",
        String.format("batched get of %d chunks", cache.batchSize()),
        cache.batchMicros() + " us",
        cache.batchSize(),
        cache.singlesMicros(),
        cache.singlesMicros() / (double) Math.max(1, cache.batchMicros()));
    out.printf(
        "workers' cache calls: %d hits, %d misses; %d errors, %d timeouts, %d lock waits run out"
            + " (each of these cost a call)%n",
        workerCache.hits(),
        workerCache.misses(),
        workerCache.errors(),
        workerCache.timeouts(),
        workerCache.lockTimeouts());
  }

  private static void row(PrintStream out, String name, BatchProgress round) {
    out.printf(
        "%-6s %9d %8.2f %12.1f %14d %13d %7d%n",
        name,
        round.total(),
        round.elapsed().toMillis() / 1000.0,
        round.documentsPerSecond(),
        round.providerCalls(),
        round.cacheHits(),
        round.failed());
  }

  private static void target(
      PrintStream out, String what, String value, String target, boolean met) {
    out.printf("%-44s %12s   %s %s%n", what, value, target, met ? "(met)" : "(NOT met)");
  }

  private static void round(ObjectNode node, BatchProgress round) {
    node.put("completed", round.completed());
    node.put("failed", round.failed());
    node.put("wall_s", round2(round.elapsed().toMillis() / 1000.0));
    node.put("documents_per_s", round2(round.documentsPerSecond()));
    node.put("provider_calls", round.providerCalls());
    node.put("calls_avoided", round.cacheHits());
  }

  private static double round4(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }

  private static double round2(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
