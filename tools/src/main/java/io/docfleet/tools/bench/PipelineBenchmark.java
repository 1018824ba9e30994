package io.docfleet.tools.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.docfleet.cache.CacheInspector;
import io.docfleet.cache.CacheLookup;
import io.docfleet.cache.CacheMetricsSnapshot;
import io.docfleet.cache.CacheSettings;
import io.docfleet.cache.ProviderCache;
import io.docfleet.cache.ProviderCaches;
import io.docfleet.config.Env;
import io.docfleet.config.FleetConfig.QueueSettings;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.PrefixKeys;
import io.docfleet.redis.RedisConnector;
import io.docfleet.redis.RedisKeys;
import io.docfleet.store.Database;
import io.docfleet.store.DatabaseSettings;
import io.docfleet.store.Schemas;
import io.docfleet.task.TaskCodec;
import io.docfleet.tools.LocalDatabase;
import io.docfleet.tools.samples.GeneratedCorpus;
import io.docfleet.worker.pipeline.BatchProgress;
import io.docfleet.worker.pipeline.DocumentBatch;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.redisson.api.RedissonClient;
import org.slf4j.LoggerFactory;

/**
 * Benchmarks the document pipeline with its provider cache: generates a corpus with a chosen share
 * of duplicates, runs it through two real worker processes ({@code ocr}; {@code
 * entities,structured}) with the local engines once on an empty cache (cold) and once more as new
 * documents (warm), then a mixed round of new content that repeats the way a document stream does,
 * whose cache hit rate is held to 80% ({@link MixedRound}), then times cache hits through the
 * {@link ProviderCache} API. {@code scripts/bench-pipeline} builds the jar and runs this; {@link
 * PipelineBenchOptions#USAGE} lists the options.
 *
 * <p>Lifecycle: {@link #run} opens everything it needs (a private Redis unless told otherwise, a
 * PostgreSQL schema of its own, the workers, a temporary folder for the corpus) and closes all of
 * it, in reverse, before it returns the report.
 */
public final class PipelineBenchmark {
  private static final Duration REGISTER_TIMEOUT = Duration.ofSeconds(90);

  private static final Duration STOP_GRACE = Duration.ofSeconds(40);

  private final PipelineBenchOptions options;
  private final Map<String, String> environment;
  private final PrintStream log;
  private final List<AutoCloseable> opened = new ArrayList<>();
  private final RoundFollower rounds;

  PipelineBenchmark(
      PipelineBenchOptions options, Map<String, String> environment, PrintStream log) {
    this.options = options;
    this.environment = Map.copyOf(environment);
    this.log = log;
    this.rounds = new RoundFollower(log, options.timeout());
  }

  public static void main(String[] args) throws Exception {
    if (Arrays.asList(args).contains("--help")) {
      System.out.print(PipelineBenchOptions.USAGE);
      return;
    }
    PipelineBenchOptions options;
    try {
      options = PipelineBenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench-pipeline: " + e.getMessage());
      System.err.print(PipelineBenchOptions.USAGE);
      System.exit(2);
      return;
    }
    quietLibraryLogs();
    PipelineBenchReport report = new PipelineBenchmark(options, System.getenv(), System.err).run();
    report.print(System.out);
    System.exit(report.allCompleted() ? 0 : 1);
  }

  /** The pool and migration logs would break up the progress lines; LOG_LEVEL brings them back. */
  private static void quietLibraryLogs() {
    if (System.getenv("LOG_LEVEL") != null) {
      return;
    }
    for (String name : List.of("com.zaxxer.hikari", "org.flywaydb", "io.docfleet")) {
      ((Logger) LoggerFactory.getLogger(name)).setLevel(Level.WARN);
    }
  }

  PipelineBenchReport run() throws Exception {
    try {
      return measure();
    } finally {
      closeAll();
    }
  }

  private PipelineBenchReport measure() throws Exception {
    Path folder = Files.createTempDirectory("docfleet-bench-pipeline-");
    opened.add(() -> deleteTree(folder));
    GeneratedCorpus.Written corpus =
        GeneratedCorpus.write(
            folder, options.documents(), options.duplicates(), "BENCH", options.scanRatio());
    log.printf(
        "bench-pipeline: %d documents (%d distinct of which %d scanned, %d byte copies)"
            + " generated in %s%n",
        corpus.files().size(), corpus.unique(), corpus.scans(), corpus.duplicates(), folder);

    BenchRedis target = openRedis();
    String prefix = "bench:pipeline:" + UUID.randomUUID().toString().substring(0, 8) + ":";
    RedissonClient redis = RedisConnector.connect(target.settings(), "docfleet-bench");
    FleetContext fleet =
        new FleetContext(redis, new RedisKeys(prefix), new TaskCodec(), Clock.systemUTC());
    opened.add(redis::shutdown);
    opened.add(() -> PrefixKeys.deleteAll(redis, fleet.keys()));

    Map<String, String> workerEnvironment =
        PipelineWorkers.environment(options, target.env(), prefix, folder);
    Database database = openDatabase(workerEnvironment);
    Map<String, String> runEnvironment = new HashMap<>(environment);
    runEnvironment.putAll(workerEnvironment);

    WorkerProcesses workers = startWorkers(fleet, workerEnvironment);
    TaskSubmitter submitter = new TaskSubmitter(fleet, QueueSettings.defaults());
    if (options.warmup() > 0) {
      GeneratedCorpus.Written warmup =
          GeneratedCorpus.write(folder.resolve("warmup"), options.warmup(), 0, "WARMUP");
      rounds.follow("warm-up", DocumentBatch.submit(fleet, submitter, "warmup-", warmup.files()));
      // again as new documents: the cache-hit path gets compiled too, not only in the warm round
      rounds.follow("warm-up", DocumentBatch.submit(fleet, submitter, "warmup2-", warmup.files()));
    }
    DocumentBatch cold = DocumentBatch.submit(fleet, submitter, "cold-", corpus.files());
    BatchProgress coldEnd = rounds.follow("cold", cold);
    long[] coldTexts = StoredRound.pagesAndChunks(database, cold);
    DocumentBatch warm = DocumentBatch.submit(fleet, submitter, "warm-", corpus.files());
    BatchProgress warmEnd = rounds.follow("warm", warm);
    MixedRound.awaitCountersWritten();
    Optional<MixedRound.Result> mixed = Optional.empty();
    if (options.mixed().documents() > 0) {
      mixed =
          Optional.of(
              new MixedRound(fleet, submitter, rounds, log)
                  .run(options.mixed(), folder.resolve("mixed")));
    }

    CacheMetricsSnapshot workerCache = new CacheInspector(fleet).total();
    Map<String, Long> peakRss = PipelineWorkers.peakRssKibByTypes(workers);
    // the workers are done: stopped, they no longer share the two cores with the timed gets
    workers.stop(STOP_GRACE);
    log.printf("bench-pipeline: timing %d single cache gets%n", options.gets());
    CacheLatency.Timings timings;
    try (ProviderCache cache =
        ProviderCaches.open(CacheSettings.fromEnv(new Env(runEnvironment)), fleet, "bench")) {
      List<CacheLookup> existing =
          StoredRound.entityEntries(database, fleet, cold, new Env(runEnvironment));
      timings =
          new CacheLatency(cache).measure(existing, options.gets(), PipelineBenchOptions.BATCH);
    }
    return new PipelineBenchReport(
        options,
        target.description(),
        corpus.files().size(),
        corpus.unique(),
        corpus.scans(),
        coldEnd,
        warmEnd,
        mixed,
        workerCache,
        timings,
        new PipelineBenchReport.Footprint(coldTexts[0], coldTexts[1], peakRss));
  }

  private BenchRedis openRedis() {
    BenchRedis target = BenchRedis.open(options.redisUrl(), options.cluster());
    opened.add(target);
    log.printf("bench-pipeline: Redis %s%n", target.description());
    return target;
  }

  /** A schema of this run's own on DATABASE_URL's server (or the embedded one); migrated. */
  private Database openDatabase(Map<String, String> workerEnvironment) {
    LocalDatabase postgres =
        LocalDatabase.findOrStart(DatabaseSettings.fromEnv(new Env(environment)), Optional.empty());
    opened.add(postgres);
    DatabaseSettings server = postgres.settings();
    String schema = "docfleet_bench_" + UUID.randomUUID().toString().substring(0, 8);
    DatabaseSettings inSchema = Schemas.create(server, schema).withPoolSize(2);
    opened.add(() -> Schemas.drop(server, schema));
    Database database = Database.start(inSchema, "bench");
    opened.add(database);
    workerEnvironment.put("DATABASE_URL", inSchema.url());
    workerEnvironment.put("DATABASE_USER", inSchema.user());
    inSchema.password().ifPresent(p -> workerEnvironment.put("DATABASE_PASSWORD", p.value()));
    log.printf(
        "bench-pipeline: PostgreSQL %s (%s), schema %s%n",
        server.redactedUrl(), postgres.origin(), schema);
    return database;
  }

  private WorkerProcesses startWorkers(FleetContext fleet, Map<String, String> workerEnvironment)
      throws InterruptedException {
    WorkerProcesses workers = PipelineWorkers.start(options, workerEnvironment);
    opened.add(() -> workers.stop(STOP_GRACE));
    workers.awaitRegistered(fleet.redis(), fleet.keys(), REGISTER_TIMEOUT);
    log.print(PipelineWorkers.described(options));
    return workers;
  }

  private void closeAll() {
    for (int i = opened.size() - 1; i >= 0; i--) {
      try {
        opened.get(i).close();
      } catch (Exception e) {
        log.println("bench-pipeline: cleaning up failed: " + e);
      }
    }
    opened.clear();
  }

  private static void deleteTree(Path folder) throws IOException {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
