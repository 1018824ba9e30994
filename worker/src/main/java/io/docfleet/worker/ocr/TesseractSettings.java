package io.docfleet.worker.ocr;

import io.docfleet.config.ConfigException;
import io.docfleet.config.Env;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How to run tesseract: {@code TESSERACT_PATH} (the binary, default {@code tesseract} on the PATH),
 * {@code TESSERACT_LANG} (default {@code eng}; several as {@code eng+deu}) and {@code
 * TESSERACT_TIMEOUT} (per image, default 120s). {@code binarySet} says whether TESSERACT_PATH named
 * the binary: then it must be there, while {@code OCR_ENGINE=auto} without it on the PATH reads
 * text layers only.
 */
public record TesseractSettings(
    String binary, String language, Duration timeout, boolean binarySet) {
  public static final String DEFAULT_BINARY = "tesseract";
  public static final String DEFAULT_LANGUAGE = "eng";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

  /** Settings that name their binary (so it must be there). */
  public TesseractSettings(String binary, String language, Duration timeout) {
    this(binary, language, timeout, true);
  }

  public static TesseractSettings defaults() {
    return new TesseractSettings(DEFAULT_BINARY, DEFAULT_LANGUAGE, DEFAULT_TIMEOUT, false);
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
    return new TesseractSettings(
        env.string("TESSERACT_PATH", DEFAULT_BINARY),
        language,
        timeout,
        env.get("TESSERACT_PATH").isPresent());
  }

  /** True when the binary is there: an executable file, or one in a folder of the PATH. */
  public boolean installed() {
    if (binary.contains("/")) {
      return Files.isExecutable(Path.of(binary));
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, binary))) {
        return true;
      }
    }
    return false;
  }
}
