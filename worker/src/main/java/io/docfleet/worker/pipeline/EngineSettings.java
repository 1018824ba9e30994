package io.docfleet.worker.pipeline;

import io.docfleet.config.Env;
import io.docfleet.worker.extraction.ExtractionSettings;
import io.docfleet.worker.ocr.OcrSettings;

/**
 * The settings of the document engines, read once from the environment: OCR ({@code OCR_ENGINE},
 * {@code OCR_MAX_PAGE_PIXELS}, {@code TESSERACT_*}, {@code AWS_REGION}, {@code
 * AWS_ENDPOINT_URL_TEXTRACT}, {@code TEXTRACT_TIMEOUT}) and extraction ({@code ENTITY_EXTRACTOR},
 * {@code STRUCTURED_EXTRACTOR}, {@code CHUNK_MAX_CHARS}, {@code OPENAI_*}). A bad value throws a
 * ConfigException naming the variable.
 */
public record EngineSettings(OcrSettings ocr, ExtractionSettings extraction) {

  public static EngineSettings fromEnv(Env env) {
    return new EngineSettings(OcrSettings.fromEnv(env), ExtractionSettings.fromEnv(env));
  }
}
