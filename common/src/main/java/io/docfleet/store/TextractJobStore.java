package io.docfleet.store;

import java.time.Instant;
import java.util.Collection;
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

  /** Jobs started at or after {@code since} and not forgotten, newest first. */
  List<TextractJobRecord> startedSince(Instant since, int limit);

  /**
   * Marks the document's jobs, and the jobs {@code jobIds}, forgotten (a job keeps its first mark);
   * returns the rows newly marked.
   */
  int forget(String documentId, Collection<String> jobIds);

  /**
   * How many jobs of this content were forgotten, so the next job of it is a new one at Textract
   * (the count goes into its ClientRequestToken).
   */
  int forgottenJobsOf(String contentSha256);
}
