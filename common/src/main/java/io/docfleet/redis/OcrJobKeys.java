package io.docfleet.redis;

import static io.docfleet.redis.KeyParts.part;

/** The names of the asynchronous OCR (Textract) jobs' records, from {@link RedisKeys#ocrJobs()}. */
public final class OcrJobKeys {
  private final String prefix;

  OcrJobKeys(String prefix) {
    this.prefix = prefix;
  }

  /**
   * {@code job:textract:status:<jobId>}: where an asynchronous Textract job stands (status,
   * document, content, start and last update, polls), kept a day.
   */
  public String status(String jobId) {
    return prefix + "job:textract:status:" + part(jobId);
  }

  /** {@code job:textract:result:<documentId>}: the page texts (JSON) a document's job returned. */
  public String result(String documentId) {
    return prefix + "job:textract:result:" + part(documentId);
  }

  /**
   * {@code idempotent:ocr:<documentId>}: set once (NX, with a TTL) by the one worker that starts
   * the document's OCR job, then holding the job id, so no second job is started for it.
   */
  public String idempotency(String documentId) {
    return prefix + "idempotent:ocr:" + part(documentId);
  }
}
