package io.docfleet.cache;

import io.docfleet.logging.LogSafe;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.OcrJobKeys;
import io.docfleet.store.TextractJobStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the fleet forget a document, so that its next run asks the providers again: its provider
 * cache keys ({@link ProviderCache#invalidate}) and the records of its OCR job, which would
 * otherwise answer for a day: {@code idempotent:ocr:<documentId>}, {@code
 * job:textract:result:<documentId>}, the status hash of the job the first names, and the job's
 * {@code textract_jobs} row marked forgotten, so the next start of that content sends Textract a
 * new token and gets a new job. Each invalidation is logged at INFO with its counts.
 */
public final class DocumentInvalidation {
  private static final Logger log = LoggerFactory.getLogger(DocumentInvalidation.class);

  /**
   * What was forgotten of a document.
   *
   * @param cacheKeys provider cache keys removed (entries, pointers, index)
   * @param ocrJobKeys OCR job records removed from Redis
   * @param ocrJobs {@code textract_jobs} rows newly marked forgotten
   */
  public record Forgotten(String documentId, long cacheKeys, long ocrJobKeys, int ocrJobs) {
    /** Every Redis key removed. */
    public long keys() {
      return cacheKeys + ocrJobKeys;
    }
  }

  private final FleetContext fleet;
  private final ProviderCache cache;
  private final TextractJobStore textractJobs;

  /** Forgets on {@code fleet}'s Redis (the OCR job records), in the cache and in PostgreSQL. */
  public DocumentInvalidation(
      FleetContext fleet, ProviderCache cache, TextractJobStore textractJobs) {
    this.fleet = fleet;
    this.cache = cache;
    this.textractJobs = textractJobs;
  }

  /** Forgets everything of the document; {@code why} is for the log, e.g. "its content changed". */
  public Forgotten invalidate(String documentId, String why) {
    long cacheKeys = cache.invalidate(documentId);
    Forgotten jobs = forget(documentId);
    Forgotten all = new Forgotten(documentId, cacheKeys, jobs.ocrJobKeys(), jobs.ocrJobs());
    log.info(
        "invalidated document {} ({}): {} cache keys and {} OCR job keys removed, {} Textract"
            + " jobs forgotten",
        LogSafe.text(documentId),
        why,
        all.cacheKeys(),
        all.ocrJobKeys(),
        all.ocrJobs());
    return all;
  }

  /**
   * Forgets the document's OCR job but keeps its cache: its next run starts a new job unless the
   * cache answers (a reprocess that keeps the cache).
   */
  public Forgotten forgetOcrJob(String documentId, String why) {
    Forgotten jobs = forget(documentId);
    log.info(
        "forgot the OCR job of document {} ({}): {} OCR job keys removed, {} Textract jobs"
            + " forgotten",
        LogSafe.text(documentId),
        why,
        jobs.ocrJobKeys(),
        jobs.ocrJobs());
    return jobs;
  }

  /**
   * Marks the job rows first, so that a start after this sends the new token, then removes the
   * Redis records in one pipeline. The job id comes from {@code idempotent:ocr:<documentId>}; while
   * a start is under way it holds a claim instead, which names no row and no status hash.
   */
  private Forgotten forget(String documentId) {
    OcrJobKeys keys = fleet.keys().ocrJobs();
    Optional<String> jobId =
        Optional.ofNullable(
            fleet.redis().<String>getBucket(keys.idempotency(documentId), text()).get());
    int rows = textractJobs.forget(documentId, jobId.map(List::of).orElse(List.of()));
    List<String> names = new ArrayList<>();
    names.add(keys.idempotency(documentId));
    names.add(keys.result(documentId));
    jobId.ifPresent(id -> names.add(keys.status(id)));
    RBatch batch = fleet.redis().createBatch();
    List<RFuture<Boolean>> removed = new ArrayList<>();
    for (String name : names) {
      removed.add(batch.getBucket(name, text()).unlinkAsync());
    }
    batch.execute();
    long count = 0;
    for (RFuture<Boolean> one : removed) {
      count += one.toCompletableFuture().join() ? 1 : 0;
    }
    return new Forgotten(documentId, 0, count, rows);
  }

  private static StringCodec text() {
    return StringCodec.INSTANCE;
  }
}
