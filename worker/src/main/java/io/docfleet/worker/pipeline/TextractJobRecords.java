package io.docfleet.worker.pipeline;

import io.docfleet.document.ContentHash;
import io.docfleet.redis.FleetContext;
import io.docfleet.store.TextractJob;
import io.docfleet.store.TextractJobRecord;
import io.docfleet.store.TextractJobStore;
import io.docfleet.worker.ocr.TextractJobSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.redisson.api.RBatch;
import org.redisson.api.RBucket;
import org.redisson.api.RFuture;
import org.redisson.api.RMap;
import org.redisson.api.RMapAsync;

/**
 * What the fleet knows of a document's Textract job, in the queue's Redis and in PostgreSQL: {@code
 * idempotent:ocr:<documentId>} (taken with SET NX by the one run that starts the job, then holding
 * its id), {@code job:textract:status:<jobId>} (status, document, content, started and updated
 * times, polls), {@code job:textract:result:<documentId>} (the page texts) and the {@code
 * textract_jobs} row (an idempotent upsert). Invalidating or reprocessing a document removes the
 * Redis records and marks the row forgotten ({@code DocumentInvalidation}), which changes the token
 * of the content's next job ({@link #startToken}).
 */
final class TextractJobRecords {
  /** How a start claim reads before the job id is known. */
  private static final String STARTING = "starting:";

  /** How long a start claim holds without a job id: longer than one start call may take. */
  static final Duration START_CLAIM_TTL = Duration.ofMinutes(2);

  private final FleetContext fleet;
  private final TextractJobStore store;
  private final TextractJobSettings settings;

  TextractJobRecords(FleetContext fleet, TextractJobStore store, TextractJobSettings settings) {
    this.fleet = fleet;
    this.store = store;
    this.settings = settings;
  }

  /** A claim to start a document's job, held by this run. */
  record StartClaim(String documentId, String value) {}

  /**
   * The job already started for the document's content: empty when there is none, or while another
   * run holds the claim to start it ({@link #claimStart}). A job of content the document no longer
   * has is forgotten, so the new content gets a job of its own.
   */
  Optional<String> jobOf(String documentId, String sha256) {
    RBucket<String> claim = idempotency(documentId);
    String value = claim.get();
    if (value == null || value.startsWith(STARTING)) {
      return Optional.empty();
    }
    String content = status(value).get("content_sha256");
    if (content != null && !content.equals(sha256)) {
      claim.compareAndSet(value, null);
      return Optional.empty();
    }
    return Optional.of(value);
  }

  /** Takes the claim to start the document's job (SET NX with a TTL); empty when it is taken. */
  Optional<StartClaim> claimStart(String documentId) {
    String value = STARTING + UUID.randomUUID();
    boolean taken = idempotency(documentId).setIfAbsent(value, START_CLAIM_TTL);
    return taken ? Optional.of(new StartClaim(documentId, value)) : Optional.empty();
  }

  /** Gives a claim back when the start failed, unless it lapsed and another run holds it now. */
  void release(StartClaim claim) {
    idempotency(claim.documentId()).compareAndSet(claim.value(), null);
  }

  /**
   * The ClientRequestToken of the next job of this content: its sha256 while no job of it was
   * forgotten, so a start repeated after a lost answer, or after Redis lost these records, gets the
   * job already started; once {@code n} jobs of it were forgotten, the sha256 of {@code
   * <sha256>:<n>}, which Textract has not seen: a new job.
   */
  String startToken(String sha256) {
    int forgotten = store.forgottenJobsOf(sha256);
    return forgotten == 0 ? sha256 : ContentHash.sha256(sha256 + ":" + forgotten);
  }

  /** The job started: its id replaces the claim, its status and row are written. */
  void started(String jobId, String documentId, String sha256, String token) {
    String now = Long.toString(fleet.clock().millis());
    RBatch batch = fleet.redis().createBatch();
    batch
        .<String>getBucket(fleet.keys().ocrJobs().idempotency(documentId))
        .setAsync(jobId, settings.recordTtl());
    RMapAsync<String, String> status = batch.getMap(fleet.keys().ocrJobs().status(jobId));
    // The same content under another document gets the same job from Textract: first one wins.
    status.fastPutIfAbsentAsync("document_id", documentId);
    status.fastPutIfAbsentAsync("content_sha256", sha256);
    status.fastPutIfAbsentAsync("started_at", now);
    status.fastPutIfAbsentAsync("status", "in_progress");
    status.fastPutIfAbsentAsync("polls", "0");
    status.fastPutAsync("updated_at", now);
    status.expireAsync(settings.recordTtl());
    batch.execute();
    store.save(TextractJob.started(jobId, documentId, sha256, token));
  }

  /** A job as its status hash has it, read in one call. */
  record JobState(String status, Instant startedAt) {
    boolean succeeded() {
      return "succeeded".equals(status);
    }
  }

  /**
   * The job's status and when it started, as first recorded (in Redis, else in PostgreSQL); a job
   * no record remembers counts as started now.
   */
  JobState state(String jobId) {
    Map<String, String> fields = status(jobId).readAllMap();
    String started = fields.get("started_at");
    Instant startedAt =
        started != null
            ? Instant.ofEpochMilli(Long.parseLong(started))
            : store.find(jobId).map(TextractJobRecord::startedAt).orElse(fleet.clock().instant());
    return new JobState(fields.getOrDefault("status", ""), startedAt);
  }

  /** One more poll found the job running; returns how many polls did so far. */
  long polled(String jobId) {
    RBatch batch = fleet.redis().createBatch();
    RMapAsync<String, String> status = batch.getMap(fleet.keys().ocrJobs().status(jobId));
    // Redisson answers HINCRBYFLOAT with a number here, whatever the map's value type says.
    RFuture<?> polls = status.addAndGetAsync("polls", 1);
    status.fastPutAsync("updated_at", Long.toString(fleet.clock().millis()));
    status.expireAsync(settings.recordTtl());
    batch.execute();
    return (long) Double.parseDouble(String.valueOf(polls.toCompletableFuture().join()));
  }

  /** The page texts kept for the document (its job succeeded), while their TTL lasts. */
  Optional<String> result(String documentId) {
    return Optional.ofNullable(
        fleet.redis().<String>getBucket(fleet.keys().ocrJobs().result(documentId)).get());
  }

  /** The job succeeded: its pages are kept for the document, its status and row say so. */
  void succeeded(String jobId, String documentId, String sha256, int pages, String pagesJson) {
    RBatch batch = fleet.redis().createBatch();
    batch
        .<String>getBucket(fleet.keys().ocrJobs().result(documentId))
        .setAsync(pagesJson, settings.resultTtl());
    RMapAsync<String, String> status = batch.getMap(fleet.keys().ocrJobs().status(jobId));
    status.putAllAsync(
        Map.of(
            "status",
            "succeeded",
            "pages",
            Integer.toString(pages),
            "updated_at",
            Long.toString(fleet.clock().millis())));
    status.expireAsync(settings.recordTtl());
    batch.execute();
    store.save(TextractJob.started(jobId, documentId, sha256, sha256).succeeded(pages));
  }

  /** The job failed, or ran past its timeout: its status and row keep the message. */
  void failed(String jobId, String documentId, String sha256, String message) {
    RMap<String, String> status = status(jobId);
    status.putAll(
        Map.of(
            "status",
            "failed",
            "error",
            message,
            "updated_at",
            Long.toString(fleet.clock().millis())));
    status.expire(settings.recordTtl());
    store.save(TextractJob.started(jobId, documentId, sha256, sha256).failed(message));
  }

  private RBucket<String> idempotency(String documentId) {
    return fleet.redis().getBucket(fleet.keys().ocrJobs().idempotency(documentId));
  }

  private RMap<String, String> status(String jobId) {
    return fleet.redis().getMap(fleet.keys().ocrJobs().status(jobId));
  }
}
