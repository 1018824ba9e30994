package io.docfleet.worker.ocr;

import io.docfleet.document.PageText;
import io.docfleet.worker.provider.ProviderUsage;
import java.util.List;

/** Where an OCR job at a provider stands. A failed job is thrown as a permanent failure. */
public sealed interface OcrJobStatus {

  /** Still running: poll again later. */
  record InProgress(String jobId) implements OcrJobStatus {}

  /**
   * Finished: the text of every page, numbered from 1, and what the job billed (none for a local
   * engine).
   */
  record Done(String jobId, List<PageText> pages, List<ProviderUsage> usage)
      implements OcrJobStatus {
    public Done {
      pages = List.copyOf(pages);
      usage = List.copyOf(usage);
    }

    public Done(String jobId, List<PageText> pages) {
      this(jobId, pages, List.of());
    }
  }
}
