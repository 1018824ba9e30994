package io.docfleet.worker.pipeline;

import io.docfleet.worker.provider.ProviderUsage;
import java.util.List;

/**
 * The page texts (JSON) a run of the {@code ocr} stage got for its document, whether it asked the
 * provider for them, and what the provider billed: the pages a finished job keeps were paid for by
 * the run that polled it.
 */
record OcrPages(String json, boolean called, List<ProviderUsage> usage) {
  OcrPages {
    usage = List.copyOf(usage);
  }

  /** Pages the provider answered in this run: one provider call, which billed {@code usage}. */
  static OcrPages called(String json, List<ProviderUsage> usage) {
    return new OcrPages(json, true, usage);
  }

  /** Pages a finished job kept, taken without asking the provider: no call. */
  static OcrPages kept(String json) {
    return new OcrPages(json, false, List.of());
  }
}
