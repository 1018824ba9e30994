package io.docfleet.tools.bench;

import io.docfleet.cache.CacheInspector;
import io.docfleet.cache.CacheMetricsSnapshot;
import io.docfleet.cache.CacheType;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.redis.FleetContext;
import io.docfleet.tools.samples.MixedCorpus;
import io.docfleet.worker.pipeline.BatchProgress;
import io.docfleet.worker.pipeline.DocumentBatch;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pipeline benchmark's mixed round: new content that repeats the way a document stream does
 * ({@link MixedCorpus}) through the running workers, and what it moved in the workers' cache
 * counters, read before and after it once the workers' counts reached Redis. Its hit rate is the
 * figure held to the plan's {@link #HIT_RATE_TARGET}.
 */
final class MixedRound {
  static final double HIT_RATE_TARGET = 0.80;

  /**
   * What the round did.
   *
   * @param cache the counters the round added, in total and per cache type
   */
  record Result(
      MixedCorpus.Written corpus, BatchProgress round, Map<String, CacheMetricsSnapshot> cache) {
    Result {
      cache = Map.copyOf(cache);
    }

    CacheMetricsSnapshot total() {
      return cache.get(TOTAL);
    }

    boolean hitRateTargetMet() {
      return total().hitRate() >= HIT_RATE_TARGET;
    }
  }

  private static final String TOTAL = "total";

  private final FleetContext fleet;
  private final TaskSubmitter submitter;
  private final RoundFollower rounds;
  private final PrintStream log;

  MixedRound(FleetContext fleet, TaskSubmitter submitter, RoundFollower rounds, PrintStream log) {
    this.fleet = fleet;
    this.submitter = submitter;
    this.rounds = rounds;
    this.log = log;
  }

  /** Writes the round's corpus into {@code folder} (under the workers' file root) and runs it. */
  Result run(PipelineBenchOptions.Mixed options, Path folder)
      throws IOException, InterruptedException {
    MixedCorpus.Written corpus =
        MixedCorpus.write(
            folder, options.documents(), options.copies(), options.revisions(), "MIXED");
    log.printf(
        "bench-pipeline: mixed round of %d documents: %d distinct (%d of them revisions of"
            + " earlier ones), %d byte copies%n",
        corpus.files().size(), corpus.distinct(), corpus.revisions(), corpus.copies());
    Map<String, CacheMetricsSnapshot> before = counters();
    BatchProgress round =
        rounds.follow("mixed", DocumentBatch.submit(fleet, submitter, "mixed-", corpus.files()));
    awaitCountersWritten();
    Map<String, CacheMetricsSnapshot> added = new LinkedHashMap<>();
    counters().forEach((scope, after) -> added.put(scope, after.since(before.get(scope))));
    return new Result(corpus, round, added);
  }

  /** Waits until the workers' last counts reached Redis (they write them every interval). */
  static void awaitCountersWritten() throws InterruptedException {
    Thread.sleep(2 * PipelineWorkers.METRICS_INTERVAL.toMillis());
  }

  private Map<String, CacheMetricsSnapshot> counters() {
    CacheInspector inspector = new CacheInspector(fleet);
    Map<String, CacheMetricsSnapshot> counters = new LinkedHashMap<>();
    counters.put(TOTAL, inspector.total());
    for (CacheType type : CacheType.values()) {
      counters.put(type.wireName(), inspector.metrics(type));
    }
    return counters;
  }
}
