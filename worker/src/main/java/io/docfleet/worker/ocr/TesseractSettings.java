package io.docfleet.worker.ocr;

import io.docfleet.config.ConfigException;
import io.docfleet.config.Env;
import java.time.Duration;

/**
 * How to run tesseract: {@code TESSERACT_PATH} (the binary, default {@code tesseract} on the PATH),
 * {@code TESSERACT_LANG} (default {@code eng}; several as {@code eng+deu}) and {@code
 * TESSERACT_TIMEOUT} (per image, default 120s).
 */
public record TesseractSettings(String binary, String language, Duration timeout) {
  public static final String DEFAULT_BINARY = "tesseract";
  public static final String DEFAULT_LANGUAGE = "eng";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

  public static TesseractSettings defaults() {
    return new TesseractSettings(DEFAULT_BINARY, DEFAULT_LANGUAGE, DEFAULT_TIMEOUT);
  }

  static TesseractSettings fromEnv(Env env) {
    String language = env.string("TESSERACT_LANG", DEFAULT_LANGUAGE);
    if (!language.matches("[A-Za-z_]+(\\+[A-Za-z_]+)*")) {
      throw new ConfigException(
          "TESSERACT_LANG", "tesseract language codes such as eng or eng+deu", language);
    }
    Duration timeout = env.duration("TESSERACT_TIMEOUT", DEFAULT_TIMEOUT);
    if (timeout.isZero()) {
      throw new ConfigException("TESSERACT_TIMEOUT", "a duration above 0", "0");
    }
    return new TesseractSettings(env.string("TESSERACT_PATH", DEFAULT_BINARY), language, timeout);
  }
}
