package io.docfleet.worker.ocr;

import io.docfleet.config.Env;

/**
 * Which OCR engine runs ({@code OCR_ENGINE}, default {@code auto}), the settings of the engines
 * behind it, how the {@code ocr} stage waits for Textract's asynchronous jobs, and the largest PDF
 * page rendered for tesseract ({@code OCR_MAX_PAGE_PIXELS}, in pixels at 300 dpi).
 */
public record OcrSettings(
    Engine engine,
    TesseractSettings tesseract,
    TextractSettings textract,
    TextractJobSettings textractJobs,
    int maxPagePixels) {

  /** The values of {@code OCR_ENGINE}. */
  public enum Engine {
    AUTO,
    PDFBOX,
    TESSERACT,
    TEXTRACT
  }

  public static final Engine DEFAULT_ENGINE = Engine.AUTO;

  /**
   * 40 million pixels: A2 (34.8 Mpx at 300 dpi) and ARCH C, 18 x 24 in (38.9 Mpx), still render; A4
   * is 8.7 Mpx, A3 17.4. A page costs the heap one byte a pixel for its grey image and one more for
   * the copy handed to tesseract (four more when PDFBox must draw in colour first, for blend
   * modes), and the tesseract process, outside the heap, a multiple of that: at 40 Mpx, 80 MB of
   * heap per page being read, so two {@code ocr} slots of a 2 GiB worker (60% heap) keep most of
   * their heap and memory for everything else. An A1 drawing (69.5 Mpx) or larger needs the limit,
   * and the worker's memory, raised together.
   */
  public static final int DEFAULT_MAX_PAGE_PIXELS = 40_000_000;

  public static OcrSettings fromEnv(Env env) {
    OcrSettings settings =
        new OcrSettings(
            env.choice("OCR_ENGINE", Engine.class, DEFAULT_ENGINE),
            TesseractSettings.fromEnv(env),
            TextractSettings.fromEnv(env),
            TextractJobSettings.fromEnv(env),
            env.positiveInt("OCR_MAX_PAGE_PIXELS", DEFAULT_MAX_PAGE_PIXELS));
    if (settings.engine() == Engine.TEXTRACT) {
      settings.textract().requireRegion();
    }
    return settings;
  }
}
