package io.docfleet.store;

import java.util.Objects;
import java.util.Optional;

/**
 * A Textract job started for one content of a document: the job id Textract gave, the client
 * request token that makes the start idempotent on Textract's side, its status, the pages read so
 * far and the error it failed with.
 */
public record TextractJob(
    String jobId,
    String documentId,
    String contentSha256,
    String clientRequestToken,
    TextractJobStatus status,
    int pages,
    Optional<String> error) {

  public TextractJob {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(documentId, "documentId");
    Objects.requireNonNull(contentSha256, "contentSha256");
    Objects.requireNonNull(clientRequestToken, "clientRequestToken");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(error, "error");
    if (pages < 0) {
      throw new IllegalArgumentException("pages below 0: " + pages);
    }
  }

  /** A job Textract has just accepted. */
  public static TextractJob started(
      String jobId, String documentId, String contentSha256, String clientRequestToken) {
    return new TextractJob(
        jobId,
        documentId,
        contentSha256,
        clientRequestToken,
        TextractJobStatus.IN_PROGRESS,
        0,
        Optional.empty());
  }

  public TextractJob succeeded(int pageCount) {
    return with(TextractJobStatus.SUCCEEDED, pageCount, Optional.empty());
  }

  public TextractJob failed(String message) {
    return with(TextractJobStatus.FAILED, pages, Optional.of(message));
  }

  public TextractJob with(TextractJobStatus newStatus, int pageCount, Optional<String> message) {
    return new TextractJob(
        jobId, documentId, contentSha256, clientRequestToken, newStatus, pageCount, message);
  }
}
