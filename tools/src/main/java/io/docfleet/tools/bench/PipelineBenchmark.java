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
import io.docfleet.document.Chunk;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.PrefixKeys;
import io.docfleet.redis.RedisConnector;
import io.docfleet.redis.RedisKeys;
import io.docfleet.store.Database;
import io.docfleet.store.DatabaseSettings;
import io.docfleet.store.JdbcDocumentStore;
import io.docfleet.store.Schemas;
import io.docfleet.task.TaskCodec;
import io.docfleet.tools.LocalDatabase;
import io.docfleet.tools.bench.WorkerProcesses.Role;
import io.docfleet.tools.samples.GeneratedCorpus;
import io.docfleet.worker.WorkerMain;
import io.docfleet.worker.extraction.EntityExtractor;
import io.docfleet.worker.extraction.ExtractionSettings;
import io.docfleet.worker.extraction.Extractors;
import io.docfleet.worker.pipeline.BatchProgress;
import io.docfleet.worker.pipeline.DocumentBatch;
import io.docfleet.worker.pipeline.DocumentBatch.Submitted;
import io.docfleet.worker.pipeline.PipelineCacheKeys;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * documents (warm), then times cache hits through the {@link ProviderCache} API. {@code
 * scripts/bench-pipeline} builds the jar and runs this; {@link PipelineBenchOptions#USAGE} lists
 * the options.
 *
 * <p>Lifecycle: {@link #run} opens everything it needs (a private Redis unless told otherwise, a
 * PostgreSQL schema of its own, the workers, a temporary folder for the corpus) and closes all of
 * it, in reverse, before it returns the report.
 */
public final class PipelineBenchmark {
  private static final Duration REGISTER_TIMEOUT = Duration.ofSeconds(90);

  /** The task types of each worker process the bench starts, one process each. */
  private static final List<String> WORKER_TYPES = List.of("ocr", "entities,structured");

  private static final Duration STOP_GRACE = Duration.ofSeconds(40);
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(3);
  private static final Duration METRICS_INTERVAL = Duration.ofSeconds(1);

  private final PipelineBenchOptions options;
  private final Map<String, String> environment;
  private final PrintStream log;
  private final List<AutoCloseable> opened = new ArrayList<>();

  PipelineBenchmark(
      PipelineBenchOptions options, Map<String, String> environment, PrintStream log) {
    this.options = options;
    this.environment = Map.copyOf(environment);
    this.log = log;
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
    boolean allCompleted =
        report.cold().completed() == report.documents()
            && report.warm().completed() == report.documents();
    System.exit(allCompleted ? 0 : 1);
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

    Map<String, String> workerEnvironment = new LinkedHashMap<>();
    workerEnvironment.putAll(target.env());
    workerEnvironment.put("DOCFLEET_KEY_PREFIX", prefix);
    workerEnvironment.put("DOCFLEET_FILE_ROOTS", folder.toString());
    workerEnvironment.put("WORKER_CONCURRENCY", Integer.toString(options.concurrency()));
    workerEnvironment.put("OCR_ENGINE", options.ocrEngine());
    // A late cache read counts as a miss and costs a provider call; on a shared two-core machine
    // 250 ms is sometimes missed while the workers start, which is noise here, not the subject.
    workerEnvironment.put("CACHE_TIMEOUT", "2s");
    workerEnvironment.put("CACHE_METRICS_INTERVAL", METRICS_INTERVAL.toMillis() + "ms");
    Database database = openDatabase(workerEnvironment);
    Map<String, String> runEnvironment = new HashMap<>(environment);
    runEnvironment.putAll(workerEnvironment);

    WorkerProcesses workers = startWorkers(fleet, workerEnvironment);
    TaskSubmitter submitter = new TaskSubmitter(fleet, QueueSettings.defaults());
    if (options.warmup() > 0) {
      GeneratedCorpus.Written warmup =
          GeneratedCorpus.write(folder.resolve("warmup"), options.warmup(), 0, "WARMUP");
      follow("warm-up", DocumentBatch.submit(fleet, submitter, "warmup-", warmup.files()));
      // again as new documents: the cache-hit path gets compiled too, not only in the warm round
      follow("warm-up", DocumentBatch.submit(fleet, submitter, "warmup2-", warmup.files()));
    }
    DocumentBatch cold = DocumentBatch.submit(fleet, submitter, "cold-", corpus.files());
    BatchProgress coldEnd = follow("cold", cold);
    long[] coldTexts = pagesAndChunks(database, cold);
    DocumentBatch warm = DocumentBatch.submit(fleet, submitter, "warm-", corpus.files());
    BatchProgress warmEnd = follow("warm", warm);

    Thread.sleep(2 * METRICS_INTERVAL.toMillis()); // the workers' last counts reach Redis
    CacheMetricsSnapshot workerCache = new CacheInspector(fleet).total();
    Map<String, Long> peakRss = new HashMap<>();
    List<Long> peaks = workers.peakRssKib();
    for (int i = 0; i < WORKER_TYPES.size(); i++) {
      peakRss.put(WORKER_TYPES.get(i), peaks.get(i));
    }
    // the workers are done: stopped, they no longer share the two cores with the timed gets
    workers.stop(STOP_GRACE);
    log.printf("bench-pipeline: timing %d single cache gets%n", options.gets());
    CacheLatency.Timings timings;
    try (ProviderCache cache =
        ProviderCaches.open(CacheSettings.fromEnv(new Env(runEnvironment)), fleet, "bench")) {
      List<CacheLookup> existing = existingEntries(database, fleet, cold, new Env(runEnvironment));
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
        workerCache,
        timings,
        new PipelineBenchReport.Footprint(coldTexts[0], coldTexts[1], peakRss));
  }

  /** How many pages and chunks the batch's documents have in PostgreSQL. */
  private static long[] pagesAndChunks(Database database, DocumentBatch batch) throws SQLException {
    String[] ids =
        batch.documents().stream().map(DocumentBatch.Submitted::documentId).toArray(String[]::new);
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT (SELECT count(*) FROM document_pages WHERE document_id = ANY(?)),"
                    + " (SELECT count(*) FROM chunks WHERE document_id = ANY(?))")) {
      Array array = connection.createArrayOf("text", ids);
      query.setArray(1, array);
      query.setArray(2, array);
      try (ResultSet row = query.executeQuery()) {
        row.next();
        return new long[] {row.getLong(1), row.getLong(2)};
      }
    }
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
    long pid = ProcessHandle.current().pid();
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            WorkerMain.class.getName());
    List<Role> roles = new ArrayList<>();
    for (String types : WORKER_TYPES) {
      Map<String, String> env = new HashMap<>(workerEnvironment);
      env.put("WORKER_TASK_TYPES", types);
      env.put("DATABASE_POOL_SIZE", Integer.toString(options.poolSizeFor(types.split(",").length)));
      roles.add(new Role("bench-" + types.substring(0, 3) + "-" + pid, env));
    }
    WorkerProcesses workers = WorkerProcesses.start(command, options.logDir(), roles);
    opened.add(() -> workers.stop(STOP_GRACE));
    workers.awaitRegistered(fleet.redis(), fleet.keys(), REGISTER_TIMEOUT);
    log.printf(
        "bench-pipeline: 2 workers (ocr; entities,structured) x concurrency %d, pools of %d and %d"
            + " connections, OCR_ENGINE=%s, logs in %s%n",
        options.concurrency(),
        options.poolSizeFor(1),
        options.poolSizeFor(2),
        options.ocrEngine(),
        options.logDir().toAbsolutePath());
    return workers;
  }

  private BatchProgress follow(String name, DocumentBatch batch) throws InterruptedException {
    log.printf("bench-pipeline: %s round, %d documents%n", name, batch.documents().size());
    Instant[] shown = {Instant.now()};
    BatchProgress progress =
        batch.awaitEnded(
            options.timeout(),
            p -> {
              if (Instant.now().isAfter(shown[0].plus(PROGRESS_EVERY))) {
                shown[0] = Instant.now();
                log.printf(
                    "  %s: %d/%d ended, %d provider calls, %d cache hits (%.1f s)%n",
                    name,
                    p.completed() + p.failed(),
                    p.total(),
                    p.providerCalls(),
                    p.cacheHits(),
                    p.elapsed().toMillis() / 1000.0);
              }
            },
            () -> true);
    log.printf(
        "  %s: %d completed, %d failed in %.2f s%s%n",
        name,
        progress.completed(),
        progress.failed(),
        progress.elapsed().toMillis() / 1000.0,
        progress.ended() ? "" : " (timed out)");
    return progress;
  }

  /** The entity entries the cold round wrote: one lookup per distinct chunk, with its pointer. */
  private static List<CacheLookup> existingEntries(
      Database database, FleetContext fleet, DocumentBatch cold, Env env) throws Exception {
    JdbcDocumentStore store = new JdbcDocumentStore(database.dataSource(), fleet.clock());
    EntityExtractor extractor = Extractors.entityExtractor(ExtractionSettings.fromEnv(env));
    Map<String, CacheLookup> byContent = new LinkedHashMap<>();
    try {
      for (Submitted document : cold.documents()) {
        String documentId = document.documentId();
        for (Chunk chunk : store.chunks().chunks(documentId)) {
          byContent.putIfAbsent(
              chunk.sha256(), PipelineCacheKeys.entities(documentId, chunk, extractor));
        }
      }
    } finally {
      if (extractor instanceof AutoCloseable closeable) {
        closeable.close();
      }
    }
    return List.copyOf(byContent.values());
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
