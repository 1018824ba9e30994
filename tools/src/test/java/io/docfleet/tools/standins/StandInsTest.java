package io.docfleet.tools.standins;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.config.Env;
import io.docfleet.document.Chunk;
import io.docfleet.document.Entity;
import io.docfleet.document.PageText;
import io.docfleet.spend.ProviderPrices;
import io.docfleet.worker.extraction.DocumentFacts;
import io.docfleet.worker.extraction.EntityExtractor;
import io.docfleet.worker.extraction.ExtractionSettings;
import io.docfleet.worker.extraction.Extractors;
import io.docfleet.worker.extraction.RulesEntityExtractor;
import io.docfleet.worker.extraction.RulesStructuredExtractor;
import io.docfleet.worker.extraction.StructuredExtractor;
import io.docfleet.worker.extraction.StructuredInput;
import io.docfleet.worker.ocr.OcrInput;
import io.docfleet.worker.ocr.TextractEngine;
import io.docfleet.worker.ocr.TextractSettings;
import io.docfleet.worker.provider.Metered;
import io.docfleet.worker.provider.ProviderUsage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The demo's stand-ins answer the worker's own OpenAI extractors and Textract engine as the real
 * services would: replies they parse, the same answer for the same text, and a {@code usage} (or a
 * page) that the engines report and the stand-ins count, to the token.
 */
class StandInsTest {
  private static final String TEXT =
      "MASTER SERVICES AGREEMENT between Acme Holdings, Inc. and Northwind Logistics LLC, dated"
          + " March 3, 2025. The fee is $1,250,000.00; notices to jcarter@acmeholdings.com.";

  private final StandIns standIns = StandIns.start();

  @AfterEach
  void stop() {
    standIns.close();
  }

  private Map<String, String> workerEnvironment() {
    Map<String, String> env = new HashMap<>(Map.of("OPENAI_API_KEY", "sk-real-one"));
    standIns.configure(env);
    return env;
  }

  @Test
  void theOpenAiExtractorsParseTheRepliesAndReportTheTokensTheStandInCounted() throws Exception {
    ExtractionSettings settings = ExtractionSettings.fromEnv(new Env(workerEnvironment()));
    EntityExtractor entities = Extractors.entityExtractor(settings);
    StructuredExtractor structured = Extractors.structuredExtractor(settings);
    Chunk chunk = new Chunk("c-0", 0, 0, TEXT.length(), "sha", TEXT);

    Metered<List<Entity>> found = entities.extractMetered(chunk);
    Metered<List<Entity>> again = entities.extractMetered(chunk);
    Metered<DocumentFacts> facts =
        structured.extractMetered(new StructuredInput(TEXT, found.result()));

    assertThat(found.result())
        .extracting(Entity::text)
        .contains("Acme Holdings, Inc.", "March 3, 2025", "$1,250,000.00");
    assertThat(again.result()).isEqualTo(found.result());
    assertThat(facts.result())
        .as("the facts the rules build from the text")
        .isEqualTo(
            new RulesStructuredExtractor()
                .extract(new StructuredInput(TEXT, new RulesEntityExtractor().extract(chunk))));
    assertThat(facts.result().amounts()).isNotEmpty();
    Served served = standIns.served();
    List<ProviderUsage> usage =
        List.of(found.usage().get(0), again.usage().get(0), facts.usage().get(0));
    assertThat(served.completions()).isEqualTo(3);
    assertThat(sum(usage, ProviderPrices.INPUT_TOKENS)).isEqualTo(served.inputTokens());
    assertThat(sum(usage, ProviderPrices.CACHED_INPUT_TOKENS))
        .isEqualTo(served.cachedInputTokens())
        .isPositive()
        .isLessThan(served.inputTokens());
    assertThat(sum(usage, ProviderPrices.OUTPUT_TOKENS)).isEqualTo(served.outputTokens());
    assertThat(served.pages()).isZero();
  }

  @Test
  void textractReadsEachPdfPagesTextLayerBillsAPageACallAndSaysSoOfAnImage() throws Exception {
    Map<String, String> env = workerEnvironment();
    TextractEngine textract =
        TextractEngine.create(
            new TextractSettings(
                Optional.of(env.get("AWS_REGION")),
                Optional.of(URI.create(env.get("AWS_ENDPOINT_URL_TEXTRACT"))),
                Duration.ofSeconds(20)),
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(env.get("AWS_ACCESS_KEY_ID"), "stand-in")));

    Metered<List<PageText>> pdf =
        textract.recognizeMetered(OcrInput.of(pdf("Invoice 42", "Due April 1, 2025", "Page two")));
    Metered<List<PageText>> image = textract.recognizeMetered(OcrInput.of(png()));

    assertThat(pdf.result()).extracting(PageText::number).containsExactly(1, 2);
    assertThat(pdf.result().get(0).text()).contains("Invoice 42", "Due April 1, 2025");
    assertThat(pdf.result().get(1).text()).contains("Page two");
    assertThat(image.result().get(0).text()).contains("reads text layers, not pixels");
    assertThat(sum(pdf.usage(), ProviderPrices.PAGES) + sum(image.usage(), ProviderPrices.PAGES))
        .isEqualTo(standIns.served().pages())
        .isEqualTo(3);
    assertThat(standIns.served().calls()).isEqualTo(3);
    textract.close();
  }

  @Test
  void aRequestTheStandInsDoNotServeIsAClear4xxAndCountsNothing() throws Exception {
    Map<String, String> env = workerEnvironment();
    HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> notJson =
        http.send(
            HttpRequest.newBuilder(URI.create(env.get("OPENAI_BASE_URL") + "/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString("{not json"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> noSchema =
        http.send(
            HttpRequest.newBuilder(URI.create(env.get("OPENAI_BASE_URL") + "/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[]}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> job =
        http.send(
            HttpRequest.newBuilder(URI.create(env.get("AWS_ENDPOINT_URL_TEXTRACT")))
                .header("X-Amz-Target", "Textract.StartDocumentTextDetection")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(notJson.body()).contains("not JSON");
    assertThat(noSchema.statusCode()).isEqualTo(400);
    assertThat(noSchema.body()).contains("response_format");
    assertThat(job.statusCode()).isEqualTo(400);
    assertThat(job.body()).contains("UnknownOperationException");
    assertThat(standIns.served()).isEqualTo(Served.NOTHING);
  }

  @Test
  void theWorkersGetTheStandInsAndDummyKeysInsteadOfAnyRealOnes() {
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "OPENAI_API_KEY", "sk-real-one",
                "AWS_SESSION_TOKEN", "real",
                "AWS_PROFILE", "prod",
                "OCR_ENGINE", "tesseract"));

    standIns.configure(env);

    assertThat(env)
        .containsEntry("OCR_ENGINE", "textract")
        .containsEntry("ENTITY_EXTRACTOR", "openai")
        .containsEntry("STRUCTURED_EXTRACTOR", "openai")
        .doesNotContainKeys("AWS_SESSION_TOKEN", "AWS_PROFILE");
    assertThat(env.get("OPENAI_API_KEY")).isNotEqualTo("sk-real-one");
    assertThat(env.get("OPENAI_BASE_URL")).startsWith("http://127.0.0.1:").endsWith("/v1");
    assertThat(env.get("AWS_ENDPOINT_URL_TEXTRACT")).startsWith("http://127.0.0.1:");
  }

  private static long sum(List<ProviderUsage> usage, String unit) {
    return usage.stream().mapToLong(u -> u.units().getOrDefault(unit, 0L)).sum();
  }

  /** A PDF with a text layer: the first two lines on page 1, the third on page 2. */
  private static byte[] pdf(String first, String second, String third) throws Exception {
    try (PDDocument document = new PDDocument()) {
      page(document, List.of(first, second));
      page(document, List.of(third));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      document.save(out);
      return out.toByteArray();
    }
  }

  private static void page(PDDocument document, List<String> lines) throws Exception {
    PDPage page = new PDPage();
    document.addPage(page);
    try (PDPageContentStream content = new PDPageContentStream(document, page)) {
      content.beginText();
      content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
      content.newLineAtOffset(72, 700);
      for (String line : lines) {
        content.showText(line);
        content.newLineAtOffset(0, -16);
      }
      content.endText();
    }
  }

  private static byte[] png() throws Exception {
    Path repo = Path.of("").toAbsolutePath();
    while (!Files.isDirectory(repo.resolve("samples"))) {
      repo = repo.getParent();
    }
    return Files.readAllBytes(repo.resolve("samples/letter-past-due-notice.png"));
  }
}
