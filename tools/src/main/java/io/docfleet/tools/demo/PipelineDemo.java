package io.docfleet.tools.demo;

import io.docfleet.config.Env;
import io.docfleet.config.FleetConfig;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.redis.FleetContext;
import io.docfleet.spend.SpendQuery;
import io.docfleet.store.JdbcDocumentStore;
import io.docfleet.tools.demo.LocalFleet.Member;
import io.docfleet.tools.demo.LocalFleet.Role;
import io.docfleet.worker.ocr.OcrSettings;
import io.docfleet.worker.pipeline.BatchProgress;
import io.docfleet.worker.pipeline.DocumentBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

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
  private final LocalDate started = SpendQuery.today(Clock.systemUTC());
  private final DemoRedis redis;
  private final DemoDatabase database;
  private DemoProviders providers;
  private Path logDir;
  private FleetConfig config;
  private FleetContext fleet;
  private LocalFleet workers;
  private volatile boolean stopping;
  private volatile boolean closed;

  /** A run with these options; {@code environment} is the one the workers start from. */
  PipelineDemo(PipelineDemoOptions options, Map<String, String> environment, DemoConsole console) {
    this.options = options;
    this.environment = Map.copyOf(environment);
    this.console = console;
    this.redis = new DemoRedis(console, options.keep());
    this.database = new DemoDatabase(console, options.keep());
  }

  PipelineDemoOutcome run() throws InterruptedException {
    List<Path> files = SampleFolder.documents(options.samples());
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
    providers = DemoProviders.of(options.standIns());
    providers.configure(runEnvironment, console);
    if (redis.findOrStart(runEnvironment, Optional.of(logDir.resolve("redis.log")))) {
      config = FleetConfig.fromEnv(new Env(runEnvironment));
    }
    fleet =
        redis.connect(config, "; the provider cache lives under it too, so round 1 starts cold");
    database.open(runEnvironment, "docfleet_demo_" + runId, logDir.resolve("postgresql.log"));
    startWorkers(runEnvironment, samples);
    DemoRound first = round("round 1: new content", "r1-", samples);
    providers.firstRoundEnded();
    if (!first.allCompleted()) {
      PipelineDemoOutcome outcome = new PipelineDemoOutcome(first, Optional.empty(), true);
      PipelineDemoReport.printComparison(outcome, console);
      return outcome;
    }
    DemoRound second = round("round 2: the same files again, as new documents", "r2-", samples);
    PipelineDemoReport.printComparison(
        new PipelineDemoOutcome(first, Optional.of(second), true), console);
    boolean matches =
        providers.printSpend(
            console, database.database().dataSource(), started, runEnvironment, second);
    return new PipelineDemoOutcome(first, Optional.of(second), matches);
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
    database.dropSchema();
    redis.disconnect("");
    database.stopIfStarted();
    redis.stopIfStarted();
    if (providers != null) {
      providers.close();
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
    BatchProgress progress =
        new BatchFollower(console, workers, () -> stopping).follow(batch, options.timeout());
    JdbcDocumentStore store =
        new JdbcDocumentStore(database.database().dataSource(), Clock.systemUTC());
    DemoRound round =
        new DemoRound(name, progress, RoundRows.read(batch, store, samples.skipped()));
    PipelineDemoReport.printRound(round, console);
    return round;
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

  private static double seconds(Instant since) {
    return Duration.between(since, Instant.now()).toMillis() / 1000.0;
  }
}
