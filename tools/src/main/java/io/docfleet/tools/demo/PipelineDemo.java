package io.docfleet.tools.demo;

import io.docfleet.config.Env;
import io.docfleet.config.FleetConfig;
import io.docfleet.config.RedisSettings;
import io.docfleet.localservers.LocalRedis;
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
import io.docfleet.tools.demo.LocalFleet.Member;
import io.docfleet.tools.demo.LocalFleet.Role;
import io.docfleet.worker.ocr.OcrSettings;
import io.docfleet.worker.pipeline.BatchProgress;
import io.docfleet.worker.pipeline.DocumentBatch;
import io.docfleet.worker.pipeline.DocumentBatch.Submitted;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.redisson.api.RedissonClient;

/**
 * One pipeline demo run ({@code scripts/demo}): find Redis and PostgreSQL (or start them), start
 * two worker JVMs (one for {@code ocr}, one for {@code entities,structured}), submit every sample
 * as an {@code ocr} task, follow the documents until they end, then submit the same files again as
 * new documents, which the provider cache answers without a provider call; report both rounds.
 * Without tesseract the files that need OCR are skipped ({@link SampleSelection}). The workers'
 * logs, and those of the servers the run starts, go to the run's log folder, not to the report.
 *
 * <p>The run works under a key prefix and a PostgreSQL schema of its own, so its first round always
 * starts with an empty cache and a repeated run shows the same thing. Lifecycle: {@link #run};
 * {@link #close} (also from the shutdown hook on Ctrl-C) stops the workers with SIGTERM, removes
 * the run's keys and schema unless {@code --keep}, and stops what the run started. Closing twice
 * does nothing.
 */
final class PipelineDemo implements AutoCloseable {
  private static final Duration REGISTER_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_GRACE = Duration.ofSeconds(40);
  private static final Duration PLAIN_EVERY = Duration.ofSeconds(2);
  private static final String MANIFEST = "MANIFEST.md";

  /**
   * Settings the workers get unless the environment sets them: a small pool each on a shared
   * server, and a cache timeout that a loaded two-core laptop meets (a late read counts as a miss
   * and costs a provider call, which is what round 2 is there to show does not happen).
   */
  private static final Map<String, String> WORKER_DEFAULTS =
      Map.of("DATABASE_POOL_SIZE", "4", "CACHE_TIMEOUT", "2s");

  private static final DateTimeFormatter RUN_ID =
      DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss_SSS").withZone(ZoneId.systemDefault());

  private final PipelineDemoOptions options;
  private final Map<String, String> environment;
  private final DemoConsole console;
  private final String runId = RUN_ID.format(Instant.now());
  private Path logDir;
  private FleetConfig config;
  private LocalRedis redis;
  private LocalDatabase postgres;
  private String schema;
  private Database database;
  private RedissonClient client;
  private FleetContext fleet;
  private LocalFleet workers;
  private boolean keysAreOurs;
  private volatile boolean stopping;
  private volatile boolean closed;

  /** A run with these options; {@code environment} is the one the workers start from. */
  PipelineDemo(PipelineDemoOptions options, Map<String, String> environment, DemoConsole console) {
    this.options = options;
    this.environment = Map.copyOf(environment);
    this.console = console;
  }

  PipelineDemoOutcome run() throws InterruptedException {
    List<Path> files = sampleFiles();
    Map<String, String> runEnvironment = runEnvironment();
    config = FleetConfig.fromEnv(new Env(runEnvironment)); // a bad setting fails before any start
    SampleSelection samples =
        SampleSelection.of(files, OcrSettings.fromEnv(new Env(runEnvironment)));
    console.line(
        String.format(
            "docfleet demo: the document pipeline over the %d files in %s, twice",
            files.size(), options.samples()));
    samples.notice().ifPresent(console::line);
    openLogDir();
    findOrStartRedis(runEnvironment);
    connect();
    openDatabase(runEnvironment);
    startWorkers(runEnvironment, samples);
    DemoRound first = round("round 1: new content", "r1-", samples);
    Optional<DemoRound> second = Optional.empty();
    if (first.allCompleted()) {
      second =
          Optional.of(round("round 2: the same files again, as new documents", "r2-", samples));
    }
    PipelineDemoOutcome outcome = new PipelineDemoOutcome(first, second);
    PipelineDemoReport.printComparison(outcome, console);
    return outcome;
  }

  boolean stopping() {
    return stopping;
  }

  /** For the shutdown hook: stops a run that has not closed yet. */
  void stopOnSignal() {
    if (!closed) {
      stopping = true;
      console.line("interrupted: stopping the run");
    }
    close();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopWorkers();
    if (database != null) {
      database.close();
    }
    if (schema != null) {
      removeSchema();
    }
    if (client != null) {
      removeKeys();
      client.shutdown();
    }
    if (postgres != null && postgres.owned()) {
      postgres.close();
      console.line("stopped the PostgreSQL the demo started on port " + postgres.settings().port());
    }
    if (redis != null && redis.owned()) {
      redis.close();
      console.line("stopped the Redis the demo started on port " + redis.port());
    }
  }

  /** Every file of the samples folder but its manifest, by name. */
  private List<Path> sampleFiles() {
    try (Stream<Path> listed = Files.list(options.samples())) {
      List<Path> files =
          listed
              .filter(Files::isRegularFile)
              .filter(f -> !f.getFileName().toString().equals(MANIFEST))
              .sorted()
              .toList();
      if (files.isEmpty()) {
        throw new IllegalStateException("no documents in " + options.samples());
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + options.samples(), e);
    }
  }

  /** The user's environment with what this run needs: its prefix, file roots, defaults. */
  private Map<String, String> runEnvironment() {
    Map<String, String> env = new HashMap<>(environment);
    Env given = new Env(environment);
    WORKER_DEFAULTS.forEach(
        (name, value) -> {
          if (given.get(name).isEmpty()) {
            env.put(name, value);
          }
        });
    if (given.get("DOCFLEET_KEY_PREFIX").isEmpty()) {
      env.put("DOCFLEET_KEY_PREFIX", "demo:" + runId.replace('_', '-') + ":");
    }
    env.put("DOCFLEET_FILE_ROOTS", options.samples().toString());
    return env;
  }

  /** The run's log folder: the workers' logs, and those of a Redis or PostgreSQL it starts. */
  private void openLogDir() {
    logDir = options.logDir().toAbsolutePath().resolve(runId);
    try {
      Files.createDirectories(logDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the log folder " + logDir, e);
    }
    console.line("logs:        " + logDir);
  }

  private void findOrStartRedis(Map<String, String> runEnvironment) {
    redis =
        LocalRedis.findOrStart(
            new Env(runEnvironment).string("REDIS_URL", RedisSettings.DEFAULT_URL),
            logDir.resolve("redis.log"));
    if (redis.owned()) {
      runEnvironment.put("REDIS_URL", redis.url());
      config = FleetConfig.fromEnv(new Env(runEnvironment));
    }
    console.line("redis:       " + redis.url() + " (" + redis.origin().description() + ")");
  }

  private void connect() {
    client = RedisConnector.connect(config.redis(), "docfleet-demo");
    fleet =
        new FleetContext(
            client, new RedisKeys(config.keyPrefix()), new TaskCodec(), Clock.systemUTC());
    if (PrefixKeys.any(client, fleet.keys())) {
      throw new IllegalStateException(
          "keys under the prefix '"
              + config.keyPrefix()
              + "' exist already, and the demo removes every key under its prefix at the end;"
              + " set DOCFLEET_KEY_PREFIX to an unused prefix, or unset it for a fresh one");
    }
    keysAreOurs = true;
    console.line(
        "key prefix:  "
            + config.keyPrefix()
            + (options.keep() ? " (kept at the end: --keep)" : " (removed at the end)")
            + "; the provider cache lives under it too, so round 1 starts cold");
  }

  /** PostgreSQL from DATABASE_URL (or embedded), a schema of this run's own, migrated. */
  private void openDatabase(Map<String, String> runEnvironment) {
    postgres =
        LocalDatabase.findOrStart(
            DatabaseSettings.fromEnv(new Env(runEnvironment)),
            Optional.of(logDir.resolve("postgresql.log")));
    DatabaseSettings server = postgres.settings();
    console.line("postgresql:  " + server.redactedUrl() + " (" + postgres.origin() + ")");
    String name = "docfleet_demo_" + runId;
    DatabaseSettings inSchema = Schemas.create(server, name).withPoolSize(2);
    schema = name;
    database = Database.start(inSchema, "demo");
    runEnvironment.put("DATABASE_URL", inSchema.url());
    runEnvironment.put("DATABASE_USER", inSchema.user());
    if (postgres.owned()) {
      runEnvironment.remove("DATABASE_PASSWORD");
    }
    console.line(
        "schema:      "
            + name
            + (options.keep() ? " (kept at the end: --keep)" : " (dropped at the end)"));
  }

  private void startWorkers(Map<String, String> runEnvironment, SampleSelection samples)
      throws InterruptedException {
    Instant start = Instant.now();
    workers = new LocalFleet(runEnvironment, logDir);
    List<Member> members =
        workers.start(
            List.of(
                new Role("worker-ocr", Map.of("WORKER_TASK_TYPES", "ocr")),
                new Role("worker-extract", Map.of("WORKER_TASK_TYPES", "entities,structured"))));
    workers.awaitRegistered(fleet, REGISTER_TIMEOUT);
    console.line(
        "workers:     "
            + members.stream()
                .map(m -> m.id() + " (pid " + m.process().pid() + ")")
                .collect(Collectors.joining(", "))
            + String.format(", all registered after %.1f s", seconds(start)));
    String ocr = runEnvironment.getOrDefault("OCR_ENGINE", "auto");
    console.line(
        "engines:     OCR "
            + ocr
            + (!ocr.equals("auto")
                ? ""
                : !samples.withoutTesseract()
                    ? " (PDF text layer, tesseract for scans and images)"
                    : " (PDF text layer; no tesseract here, so no scans or images)")
            + ", entities "
            + runEnvironment.getOrDefault("ENTITY_EXTRACTOR", "rules")
            + ", structured "
            + runEnvironment.getOrDefault("STRUCTURED_EXTRACTOR", "rules"));
  }

  /** Submits every file as a new document, follows them until they end, prints the table. */
  private DemoRound round(String name, String idPrefix, SampleSelection samples)
      throws InterruptedException {
    List<Path> files = samples.run();
    console.line("");
    console.line(name + String.format(": submitting %d ocr tasks", files.size()));
    DocumentBatch batch =
        DocumentBatch.submit(fleet, new TaskSubmitter(fleet, config.queue()), idPrefix, files);
    Instant[] lastShown = {Instant.MIN};
    BatchProgress progress =
        batch.awaitEnded(
            options.timeout(), p -> show(p, lastShown), () -> !stopping && workers.anyAlive());
    console.endStatus();
    if (stopping) {
      throw new CancellationException("interrupted");
    }
    if (!progress.ended()) {
      console.line(
          workers.anyAlive()
              ? "stopped waiting after " + options.timeout() + " (--timeout)"
              : "every worker JVM has exited; their logs say why: " + workers.logDir());
    }
    List<DocumentRow> rows = new ArrayList<>(rows(batch));
    samples.skipped().forEach(file -> rows.add(DocumentRow.skipped(file)));
    rows.sort(Comparator.comparing(DocumentRow::file));
    DemoRound round = new DemoRound(name, progress, rows);
    PipelineDemoReport.printRound(round, console);
    return round;
  }

  private void show(BatchProgress p, Instant[] lastShown) {
    Instant now = Instant.now();
    if (!p.ended() && !console.live() && now.isBefore(lastShown[0].plus(PLAIN_EVERY))) {
      return;
    }
    lastShown[0] = now;
    console.status(
        String.format(
            "  %d/%d documents ended (%d completed, %d failed), %d running; provider calls %d,"
                + " cache hits %d (%.1f s)",
            p.completed() + p.failed(),
            p.total(),
            p.completed(),
            p.failed(),
            p.started() - p.completed() - p.failed(),
            p.providerCalls(),
            p.cacheHits(),
            p.elapsed().toMillis() / 1000.0));
  }

  private List<DocumentRow> rows(DocumentBatch batch) {
    JdbcDocumentStore store = new JdbcDocumentStore(database.dataSource(), Clock.systemUTC());
    List<Map<String, String>> states = batch.states();
    List<DocumentRow> rows = new ArrayList<>();
    for (int i = 0; i < batch.documents().size(); i++) {
      Submitted document = batch.documents().get(i);
      rows.add(
          DocumentRow.of(
              document,
              states.get(i),
              store.pages().pages(document.documentId()),
              store.entities().entities(document.documentId()),
              batch.submittedAt()));
    }
    return rows;
  }

  private synchronized void stopWorkers() {
    if (workers == null) {
      return;
    }
    Instant start = Instant.now();
    try {
      List<String> killed = workers.stop(STOP_GRACE);
      console.line(
          String.format(
              "stopped the workers with SIGTERM in %.1f s%s",
              seconds(start),
              killed.isEmpty() ? "" : "; killed " + killed + ", which outlived the grace"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers = null;
  }

  private void removeSchema() {
    if (options.keep()) {
      console.line("kept the schema " + schema);
      return;
    }
    try {
      Schemas.drop(postgres.settings(), schema);
      console.line("dropped the run's schema " + schema);
    } catch (RuntimeException e) {
      console.line("could not drop the schema " + schema + ": " + e.getMessage());
    }
  }

  private void removeKeys() {
    String prefix = config.keyPrefix();
    if (!keysAreOurs) {
      return;
    }
    if (options.keep()) {
      console.line("kept the keys under '" + prefix + "'");
      return;
    }
    try {
      long removed = PrefixKeys.deleteAll(client, fleet.keys());
      console.line(String.format("removed the run's %,d keys under '%s'", removed, prefix));
    } catch (RuntimeException e) {
      console.line("could not remove the keys under '" + prefix + "': " + e.getMessage());
    }
  }

  private static double seconds(Instant since) {
    return Duration.between(since, Instant.now()).toMillis() / 1000.0;
  }
}
