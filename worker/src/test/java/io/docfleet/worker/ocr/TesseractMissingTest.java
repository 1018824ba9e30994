package io.docfleet.worker.ocr;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docfleet.config.ConfigException;
import io.docfleet.config.Env;
import io.docfleet.worker.provider.ProviderException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without the tesseract binary, the engines say so plainly, at start-up. */
class TesseractMissingTest {
  private static final TesseractSettings NOWHERE =
      new TesseractSettings("/nonexistent/bin/tesseract", "eng", Duration.ofSeconds(5));

  @Test
  void theEngineNamesTheMissingBinaryAndHowToInstallIt() {
    assertThatThrownBy(() -> TesseractEngine.create(NOWHERE))
        .isInstanceOf(ProviderException.Permanent.class)
        .hasMessageContaining("tesseract binary '/nonexistent/bin/tesseract' not found")
        .hasMessageContaining("apt-get install tesseract-ocr")
        .hasMessageContaining("TESSERACT_PATH");
  }

  @Test
  void autoModeFailsAtStartUpNamingTheVariable() {
    OcrSettings settings =
        OcrSettings.fromEnv(
            new Env(Map.of("OCR_ENGINE", "auto", "TESSERACT_PATH", "/nonexistent/bin/tesseract")));

    assertThatThrownBy(() -> OcrEngines.create(settings))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("TESSERACT_PATH")
        .hasMessageContaining("OCR_ENGINE=auto needs tesseract");
  }
}
