package io.docfleet.worker.ocr;

import io.docfleet.document.PageText;
import java.util.List;

/** Where an OCR job at a provider stands. A failed job is thrown as a permanent failure. */
public sealed interface OcrJobStatus {

  /** Still running: poll again later. */
  record InProgress(String jobId) implements OcrJobStatus {}

  /** Finished: the text of every page, numbered from 1. */
  record Done(String jobId, List<PageText> pages) implements OcrJobStatus {
    public Done {
      pages = List.copyOf(pages);
    }
  }
}
