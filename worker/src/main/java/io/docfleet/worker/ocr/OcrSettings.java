package io.docfleet.worker.ocr;

import io.docfleet.config.Env;

/**
 * Which OCR engine runs ({@code OCR_ENGINE}, default {@code auto}), the settings of the engines
 * behind it, and how the {@code ocr} stage waits for Textract's asynchronous jobs.
 */
public record OcrSettings(
    Engine engine,
    TesseractSettings tesseract,
    TextractSettings textract,
    TextractJobSettings textractJobs) {

  /** The values of {@code OCR_ENGINE}. */
  public enum Engine {
    AUTO,
    PDFBOX,
    TESSERACT,
    TEXTRACT
  }

  public static final Engine DEFAULT_ENGINE = Engine.AUTO;

  public static OcrSettings fromEnv(Env env) {
    OcrSettings settings =
        new OcrSettings(
            env.choice("OCR_ENGINE", Engine.class, DEFAULT_ENGINE),
            TesseractSettings.fromEnv(env),
            TextractSettings.fromEnv(env),
            TextractJobSettings.fromEnv(env));
    if (settings.engine() == Engine.TEXTRACT) {
      settings.textract().requireRegion();
    }
    return settings;
  }
}
