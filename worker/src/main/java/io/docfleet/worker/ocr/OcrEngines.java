package io.docfleet.worker.ocr;

import io.docfleet.config.ConfigException;
import io.docfleet.worker.provider.CallPermits;
import io.docfleet.worker.provider.ProviderException;

/** Builds the engine {@code OCR_ENGINE} names; checks at start-up that it can run here. */
public final class OcrEngines {
  private OcrEngines() {}

  /**
   * The configured engine.
   *
   * @throws ConfigException when the engine cannot run here (tesseract missing, no AWS region),
   *     naming the variable to fix
   */
  public static OcrEngine create(OcrSettings settings) {
    return create(settings, CallPermits.unlimited());
  }

  /** The configured engine; a provider's calls take {@code providerPermits} first. */
  public static OcrEngine create(OcrSettings settings, CallPermits providerPermits) {
    try {
      return switch (settings.engine()) {
        case PDFBOX -> new PdfBoxEngine();
        case TESSERACT -> TesseractEngine.create(settings.tesseract(), settings.maxPagePixels());
        case AUTO -> AutoOcrEngine.create(settings.tesseract(), settings.maxPagePixels());
        case TEXTRACT -> TextractEngine.create(settings.textract(), providerPermits);
      };
    } catch (ProviderException e) {
      throw new ConfigException(
          "TESSERACT_PATH / TESSERACT_LANG: OCR_ENGINE="
              + settings.engine().name().toLowerCase()
              + " needs tesseract, and "
              + e.getMessage());
    }
  }
}
