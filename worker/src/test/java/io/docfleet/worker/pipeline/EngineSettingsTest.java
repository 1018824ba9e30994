package io.docfleet.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docfleet.config.ConfigException;
import io.docfleet.config.Env;
import io.docfleet.worker.extraction.ExtractionSettings;
import io.docfleet.worker.extraction.OpenAiSettings;
import io.docfleet.worker.ocr.OcrSettings;
import io.docfleet.worker.ocr.TesseractSettings;
import io.docfleet.worker.ocr.TextractSettings;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EngineSettingsTest {
  private static EngineSettings read(String... pairs) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return EngineSettings.fromEnv(new Env(env));
  }

  @Test
  void everythingHasANamedDefault() {
    EngineSettings settings = read();

    assertThat(settings.ocr().engine()).isEqualTo(OcrSettings.Engine.AUTO);
    assertThat(settings.ocr().tesseract()).isEqualTo(TesseractSettings.defaults());
    assertThat(settings.ocr().textract())
        .isEqualTo(
            new TextractSettings(
                Optional.empty(), Optional.empty(), TextractSettings.DEFAULT_TIMEOUT));
    ExtractionSettings extraction = settings.extraction();
    assertThat(extraction.entityExtractor()).isEqualTo(ExtractionSettings.Extractor.RULES);
    assertThat(extraction.structuredExtractor()).isEqualTo(ExtractionSettings.Extractor.RULES);
    assertThat(extraction.chunkMaxChars()).isEqualTo(4000);
    assertThat(extraction.openai().baseUrl()).isEqualTo(URI.create("https://api.openai.com/v1"));
    assertThat(extraction.openai().model()).isEqualTo("gpt-4o-mini");
    assertThat(extraction.openai().apiKey()).isEmpty();
  }

  @Test
  void readsEveryVariable() {
    EngineSettings settings =
        read(
            "OCR_ENGINE", "Textract",
            "TESSERACT_PATH", "/opt/tesseract/bin/tesseract",
            "TESSERACT_LANG", "eng+deu",
            "TESSERACT_TIMEOUT", "30s",
            "AWS_REGION", "eu-west-1",
            "AWS_ENDPOINT_URL_TEXTRACT", "http://127.0.0.1:4566",
            "TEXTRACT_TIMEOUT", "2m",
            "ENTITY_EXTRACTOR", "openai",
            "STRUCTURED_EXTRACTOR", "openai",
            "OPENAI_API_KEY", "sk-live-secret-value",
            "OPENAI_BASE_URL", "http://127.0.0.1:8000/v1",
            "OPENAI_MODEL", "llama3.1:8b",
            "OPENAI_TIMEOUT", "90s",
            "OPENAI_MAX_INPUT_CHARS", "20000",
            "CHUNK_MAX_CHARS", "2500");

    assertThat(settings.ocr().engine()).isEqualTo(OcrSettings.Engine.TEXTRACT);
    assertThat(settings.ocr().tesseract())
        .isEqualTo(
            new TesseractSettings(
                "/opt/tesseract/bin/tesseract", "eng+deu", Duration.ofSeconds(30)));
    assertThat(settings.ocr().textract())
        .isEqualTo(
            new TextractSettings(
                Optional.of("eu-west-1"),
                Optional.of(URI.create("http://127.0.0.1:4566")),
                Duration.ofMinutes(2)));
    OpenAiSettings openai = settings.extraction().openai();
    assertThat(openai.apiKey().orElseThrow().value()).isEqualTo("sk-live-secret-value");
    assertThat(openai.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:8000/v1"));
    assertThat(openai.model()).isEqualTo("llama3.1:8b");
    assertThat(openai.timeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(openai.maxInputChars()).isEqualTo(20000);
    assertThat(settings.extraction().chunkMaxChars()).isEqualTo(2500);
  }

  @Test
  void theApiKeyNeverPrints() {
    EngineSettings settings = read("OPENAI_API_KEY", "sk-live-secret-value");

    assertThat(settings.toString()).doesNotContain("sk-live-secret-value").contains("****");
  }

  @Test
  void badValuesNameTheirVariable() {
    assertThatThrownBy(() -> read("OCR_ENGINE", "abbyy"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("OCR_ENGINE: expected auto | pdfbox | tesseract | textract, got 'abbyy'");
    assertThatThrownBy(() -> read("ENTITY_EXTRACTOR", "spacy"))
        .hasMessage("ENTITY_EXTRACTOR: expected rules | openai, got 'spacy'");
    assertThatThrownBy(() -> read("CHUNK_MAX_CHARS", "lots"))
        .hasMessageStartingWith("CHUNK_MAX_CHARS:");
    assertThatThrownBy(() -> read("CHUNK_MAX_CHARS", "50"))
        .hasMessage("CHUNK_MAX_CHARS: expected a whole number of at least 100, got '50'");
    assertThatThrownBy(() -> read("TESSERACT_LANG", "eng;rm -rf"))
        .hasMessageStartingWith("TESSERACT_LANG:");
    assertThatThrownBy(() -> read("TESSERACT_TIMEOUT", "soon"))
        .hasMessageStartingWith("TESSERACT_TIMEOUT:");
    assertThatThrownBy(() -> read("AWS_REGION", "Frankfurt")).hasMessageStartingWith("AWS_REGION:");
    assertThatThrownBy(() -> read("AWS_ENDPOINT_URL_TEXTRACT", "localhost:4566"))
        .hasMessageStartingWith("AWS_ENDPOINT_URL_TEXTRACT: expected an http:// or https:// URL");
    assertThatThrownBy(() -> read("OPENAI_BASE_URL", "ftp://example.com"))
        .hasMessageStartingWith("OPENAI_BASE_URL:");
    assertThatThrownBy(() -> read("OPENAI_TIMEOUT", "0")).hasMessageStartingWith("OPENAI_TIMEOUT:");
  }

  @Test
  void aUrlWithCredentialsIsRefusedWithoutEchoingThem() {
    assertThatThrownBy(() -> read("OPENAI_BASE_URL", "https://user:hunter2@llm.internal/v1"))
        .hasMessageStartingWith("OPENAI_BASE_URL:")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void anEngineThatNeedsMoreSaysWhat() {
    assertThatThrownBy(() -> read("OCR_ENGINE", "textract"))
        .hasMessageStartingWith("AWS_REGION: required when OCR_ENGINE=textract");
    assertThatThrownBy(() -> read("ENTITY_EXTRACTOR", "openai"))
        .hasMessageStartingWith("OPENAI_API_KEY: required when ENTITY_EXTRACTOR=openai");
    assertThatThrownBy(() -> read("STRUCTURED_EXTRACTOR", "openai"))
        .hasMessageStartingWith("OPENAI_API_KEY: required when STRUCTURED_EXTRACTOR=openai");
  }
}
