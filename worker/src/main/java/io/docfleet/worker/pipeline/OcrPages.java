package io.docfleet.worker.pipeline;

/**
 * The page texts (JSON) a run of the {@code ocr} stage got for its document, and whether it asked
 * the provider for them: the pages a finished job keeps were paid for by the run that polled it.
 */
record OcrPages(String json, boolean called) {

  /** Pages the provider answered in this run: one provider call. */
  static OcrPages called(String json) {
    return new OcrPages(json, true);
  }

  /** Pages a finished job kept, taken without asking the provider: no call. */
  static OcrPages kept(String json) {
    return new OcrPages(json, false);
  }
}
