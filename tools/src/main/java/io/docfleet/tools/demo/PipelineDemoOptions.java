package io.docfleet.tools.demo;

import io.docfleet.config.ConfigException;
import io.docfleet.config.Env;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** What one pipeline demo run ({@code scripts/demo}) does, read from the command line. */
record PipelineDemoOptions(
    Path samples, Duration timeout, boolean keep, Path logDir, boolean standIns) {

  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  static final String USAGE =
      """
      usage: scripts/demo [--samples DIR] [--timeout 5m] [--keep] [--log-dir DIR] [--stand-ins]
             scripts/demo --queue ...   (the queue demo: 3,000 sleep tasks; --queue --help)
        --samples DIR  the documents to run (default: samples/ of the repository); every file
                       but MANIFEST.md is submitted, twice: round 1 and round 2 as new documents
        --timeout D    how long each round may take, such as 90s or 5m (default 5m)
        --keep         keep the run's Redis keys and PostgreSQL schema (removed by default)
        --log-dir DIR  where the logs of the workers (and of a Redis or PostgreSQL the demo
                       starts) go, one folder per run (default: target/demo/ of the repository)
        --stand-ins    run the paid engines (OCR textract, entities and structured openai)
                       against an OpenAI and a Textract stand-in the demo starts on loopback:
                       round 1 then costs what the spend ledger prices, round 2 saves it, and
                       the demo checks the ledger against what the stand-ins served (exit 1
                       when they differ); no call leaves the machine
      environment:
        REDIS_URL            default redis://127.0.0.1:6379; when nothing answers on a loopback
                             port the demo starts a Redis there (redis-server, else embedded)
        DATABASE_URL         default jdbc:postgresql://127.0.0.1:5432/postgres (with
                             DATABASE_USER, DATABASE_PASSWORD); when nothing answers on a loopback
                             port the demo starts the embedded PostgreSQL there. The run works in
                             a schema of its own, docfleet_demo_<timestamp>
        DOCFLEET_KEY_PREFIX  default demo:<timestamp>: (fresh per run, so round 1 starts with an
                             empty provider cache); must hold no keys yet
        JAVA_OPTS            added to the options of every JVM of the demo
        worker settings      passed to the workers (OCR_ENGINE, TESSERACT_PATH, WORKER_CONCURRENCY,
                             ...); the engines are the local ones unless you choose others
      """;

  private static final Set<String> FLAGS = Set.of("--keep", "--stand-ins");
  private static final Set<String> VALUED = Set.of("--samples", "--timeout", "--log-dir");

  /** Parses the arguments; throws {@link ConfigException} naming the option on a bad one. */
  static PipelineDemoOptions parse(List<String> args) {
    Env options = DemoArguments.parse(args, FLAGS, VALUED);
    Path samples = options.get("--samples").map(Path::of).orElseGet(RepositoryFolders::samples);
    if (!Files.isDirectory(samples)) {
      throw new ConfigException("--samples", "a folder of documents", samples.toString());
    }
    return new PipelineDemoOptions(
        samples.toAbsolutePath().normalize(),
        options.duration("--timeout", DEFAULT_TIMEOUT),
        options.bool("--keep", false),
        options.get("--log-dir").map(Path::of).orElseGet(RepositoryFolders::logs),
        options.bool("--stand-ins", false));
  }
}
