package io.docfleet.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Asynchronous Textract jobs, so a restarted worker finds the job it started instead of paying
 * twice.
 */
public interface TextractJobStore {
  /** Inserts the job, or updates its status, pages and error; returns rows written. */
  int save(TextractJob job);

  Optional<TextractJobRecord> find(String jobId);

  /** Jobs started at or after {@code since}, newest first. */
  List<TextractJobRecord> startedSince(Instant since, int limit);
}
