package io.docfleet.api.background;

import io.docfleet.document.DocumentStatus;
import io.docfleet.document.Stage;
import io.docfleet.store.DocumentRecord;
import io.docfleet.store.TextractJob;
import io.docfleet.store.TextractJobRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.redisson.api.RBatch;
import org.redisson.api.RMapAsync;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies what PostgreSQL knows into Redis when a coordinator becomes leader, so dashboards and
 * workers find it after Redis lost its data: the {@code doc:state:<id>} hash of every unfinished
 * document, and the {@code job:textract:status:<jobId>} hash of every Textract job started within
 * {@link #JOB_WINDOW} (kept {@link #JOB_WINDOW} in Redis, as the OCR stage keeps it). Fields are
 * written only where missing ({@code HSETNX}), so a fresher value a worker wrote meanwhile wins.
 * One batch per page of documents. Runs once per election, on the background thread.
 */
final class StatePreload {
  static final Duration JOB_WINDOW = Duration.ofDays(1);
  private static final int JOB_LIMIT = 10_000;
  private static final Logger log = LoggerFactory.getLogger(StatePreload.class);

  private final BackgroundContext background;
  private final int batch;

  StatePreload(BackgroundContext background, int batch) {
    this.background = background;
    this.batch = batch;
  }

  /** What one preload wrote. */
  record Preloaded(long documentStates, long textractJobs) {}

  Preloaded preload() {
    long states = 0;
    List<DocumentRecord> page = background.store().documentQueries().unfinished(batch);
    while (!page.isEmpty()) {
      RBatch writes = background.fleet().redis().createBatch();
      for (DocumentRecord document : page) {
        putMissing(
            writes.getMap(background.fleet().keys().documentState(document.id())), state(document));
      }
      writes.execute();
      states += page.size();
      if (page.size() < batch) {
        break;
      }
      DocumentRecord last = page.get(page.size() - 1);
      page =
          background.store().documentQueries().unfinishedAfter(last.updatedAt(), last.id(), batch);
    }
    long jobs = preloadJobs();
    log.info("preloaded {} document states and {} Textract job statuses", states, jobs);
    return new Preloaded(states, jobs);
  }

  private long preloadJobs() {
    Instant since = background.fleet().clock().instant().minus(JOB_WINDOW);
    List<TextractJobRecord> jobs = background.store().textractJobs().startedSince(since, JOB_LIMIT);
    RBatch writes = background.fleet().redis().createBatch();
    for (TextractJobRecord record : jobs) {
      String key = background.fleet().keys().ocrJobs().status(record.job().jobId());
      putMissing(writes.getMap(key), status(record));
      writes.getMap(key).expireAsync(JOB_WINDOW);
    }
    writes.execute();
    return jobs.size();
  }

  private static void putMissing(RMapAsync<Object, Object> hash, Map<String, String> fields) {
    fields.forEach(hash::fastPutIfAbsentAsync);
  }

  /** The hash fields the pipeline writes, as far as PostgreSQL knows them. */
  static Map<String, String> state(DocumentRecord document) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("document_id", document.id());
    fields.put("status", document.status().wireName());
    fields.put("stage", document.stage().taskType());
    fields.put("progress", Integer.toString(progress(document.status(), document.stage())));
    fields.put("error", document.error().orElse(""));
    fields.put("updated_at", Long.toString(document.updatedAt().toEpochMilli()));
    return fields;
  }

  /** Each stage before the current one is done: a third each (as the pipeline counts). */
  private static int progress(DocumentStatus status, Stage stage) {
    return status.isFinal() ? 100 : stage.ordinal() * 100 / Stage.values().length;
  }

  private static Map<String, String> status(TextractJobRecord record) {
    TextractJob job = record.job();
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("document_id", job.documentId());
    fields.put("content_sha256", job.contentSha256());
    fields.put("status", job.status().wireName());
    fields.put("pages", Integer.toString(job.pages()));
    job.error().ifPresent(error -> fields.put("error", error));
    fields.put("started_at", Long.toString(record.startedAt().toEpochMilli()));
    fields.put("updated_at", Long.toString(record.updatedAt().toEpochMilli()));
    return fields;
  }
}
