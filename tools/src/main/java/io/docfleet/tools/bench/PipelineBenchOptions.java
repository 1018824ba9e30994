package io.docfleet.tools.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one pipeline benchmark does, read from its command line; every option has a named default.
 *
 * @param documents documents per round
 * @param duplicates the share of documents that are byte copies of others (0 to below 1)
 * @param concurrency {@code WORKER_CONCURRENCY} of each of the two workers
 * @param ocrEngine {@code OCR_ENGINE} of the workers ({@code auto}, {@code pdfbox}, {@code
 *     tesseract}): {@code tesseract} sends every page through OCR, as a paid provider would cost
 * @param scanRatio the share of the distinct documents written as scanned, image-only PDFs (read by
 *     tesseract under {@code OCR_ENGINE=auto}); 0 keeps the corpus text only
 * @param poolSize {@code DATABASE_POOL_SIZE} of each worker; 0 gives each worker one connection per
 *     task thread it runs (concurrency times the stages it serves)
 * @param warmup distinct documents run twice before the measured rounds (new, then again as cache
 *     hits), so that both rounds meet warm JVMs (class loading, JIT, PDFBox's font set-up are not
 *     what the cache saves)
 * @param gets single cache gets timed for the hit latency
 * @param timeout how long each round may take
 * @param redisUrl an existing Redis; empty starts a private {@code redis-server} on a free port
 * @param cluster start a private three-primary Redis Cluster instead (the workers run with {@code
 *     REDIS_MODE=cluster})
 * @param logDir where the worker processes' logs go
 * @param mixed the mixed round after the warm one, whose cache hit rate is held to 80%
 */
record PipelineBenchOptions(
    int documents,
    double duplicates,
    int concurrency,
    String ocrEngine,
    double scanRatio,
    int poolSize,
    int warmup,
    int gets,
    Duration timeout,
    Optional<String> redisUrl,
    boolean cluster,
    Path logDir,
    Mixed mixed) {

  static final int BATCH = 100;

  /**
   * The mixed round: new content repeated the way a document stream repeats it ({@code
   * MixedCorpus}).
   *
   * @param documents documents in the round; 0 skips it
   * @param copies the share of them that are byte copies of earlier ones (0 to below 1)
   * @param revisions the share of the distinct ones that are revisions of earlier ones: the same
   *     text with a line added at the end (0 to below 1)
   */
  record Mixed(int documents, double copies, double revisions) {
    static final Mixed DEFAULT = new Mixed(200, 0.3, 0.3);

    static final Mixed NONE = new Mixed(0, 0, 0);
  }

  /** The pool size of a worker that serves {@code stages} stage types. */
  int poolSizeFor(int stages) {
    return poolSize > 0 ? poolSize : concurrency * stages;
  }

  static final String USAGE =
      """
      usage: scripts/bench-pipeline [options]
        --documents N     documents per round (default 200)
        --duplicates R    share of them that are byte copies of others, 0 to below 1 (default 0.5)
        --concurrency N   WORKER_CONCURRENCY of each worker (default 8)
        --ocr-engine E    auto (default: PDF text layer), pdfbox, or tesseract (every page
                          through OCR, to see what an expensive provider makes of the cache)
        --scan-ratio R    share of the distinct documents written as scanned, image-only PDFs,
                          0 to below 1 (default 0: text only); tesseract reads them under
                          --ocr-engine auto
        --pool-size N     DATABASE_POOL_SIZE of each worker (default: one connection per task
                          thread, that is concurrency x the stages the worker serves)
        --warmup N        distinct documents run first, twice (new, then as cache hits), not
                          measured, so that both rounds meet warmed-up workers (default 20; 0
                          measures cold JVMs too)
        --gets N          single cache gets timed for the hit latency (default 5000)
        --timeout D       how long each round may take, in seconds (default 600)
        --redis-url URL   use this Redis (keys under a prefix of the run's own, removed at the
                          end); default: a private redis-server on a free loopback port
        --cluster         start a private Redis Cluster of three primaries on free loopback ports
                          instead (redis-server and redis-cli on PATH); the workers run with
                          REDIS_MODE=cluster
        --log-dir DIR     worker logs (default worker/target/bench-logs)
        --mixed N         documents in the mixed round run after the warm one, whose cache hit
                          rate is reported beside the target of 80% (default 200; 0 skips it):
                          new content that repeats the way a document stream does, with byte
                          copies of earlier documents, revisions (an earlier document with a
                          line added at its end) and, in every other new document, a standard
                          section that other documents open with too
        --mixed-copies R  share of the mixed round's documents that are byte copies, 0 to below
                          1 (default 0.3)
        --mixed-revisions R
                          share of its distinct documents that are revisions, 0 to below 1
                          (default 0.3)
      environment: DATABASE_URL, DATABASE_USER, DATABASE_PASSWORD (default the local
      PostgreSQL, else the embedded one; the run works in a schema of its own, dropped at the end)
      """;

  static PipelineBenchOptions parse(String[] args) {
    BenchArguments p = new BenchArguments(args);
    PipelineBenchOptions options =
        new PipelineBenchOptions(
            p.positive("--documents", 200),
            p.fraction("--duplicates", 0.5),
            p.positive("--concurrency", 8),
            p.choice("--ocr-engine", "auto", List.of("auto", "pdfbox", "tesseract")),
            p.fraction("--scan-ratio", 0),
            p.atLeastZero("--pool-size", 0),
            p.atLeastZero("--warmup", 20),
            p.positive("--gets", 5_000),
            Duration.ofSeconds(p.positive("--timeout", 600)),
            p.string("--redis-url"),
            p.flag("--cluster"),
            Path.of(p.string("--log-dir").orElse("worker/target/bench-logs")),
            new Mixed(
                p.atLeastZero("--mixed", Mixed.DEFAULT.documents()),
                p.fraction("--mixed-copies", Mixed.DEFAULT.copies()),
                p.fraction("--mixed-revisions", Mixed.DEFAULT.revisions())));
    p.rejectLeftovers();
    if (options.cluster() && options.redisUrl().isPresent()) {
      throw new IllegalArgumentException(
          "--cluster starts a private cluster: give it or --redis-url, not both");
    }
    return options;
  }
}
