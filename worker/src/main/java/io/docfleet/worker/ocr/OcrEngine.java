package io.docfleet.worker.ocr;

import io.docfleet.document.PageText;
import io.docfleet.worker.provider.Metered;
import io.docfleet.worker.provider.ProviderException;
import java.util.List;

/**
 * Turns a document's bytes into the text of its pages. Chosen by {@code OCR_ENGINE}; {@link
 * #name()} and {@link #version()} go into cache keys, so the version changes whenever the same
 * input could give different text.
 */
public interface OcrEngine {

  /** {@code auto}, {@code pdfbox}, {@code tesseract} or {@code textract}. */
  String name();

  /**
   * The engine and everything that shapes its output, e.g. {@code
   * pdfbox-3.0.8+tesseract-5.3.0-eng-300dpi}.
   */
  String version();

  /**
   * The text of every page, numbered from 1, in order.
   *
   * @throws ProviderException.Permanent for an empty, corrupt or unsupported input
   * @throws ProviderException.Retryable when the engine is busy, throttled or timed out
   */
  List<PageText> recognize(OcrInput input) throws ProviderException;

  /** {@link #recognize} with what its provider calls billed: nothing, unless the engine is paid. */
  default Metered<List<PageText>> recognizeMetered(OcrInput input) throws ProviderException {
    return Metered.free(recognize(input));
  }
}
