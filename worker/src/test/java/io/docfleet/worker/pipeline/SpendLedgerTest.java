package io.docfleet.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.config.Env;
import io.docfleet.document.Stage;
import io.docfleet.spend.ProviderCall;
import io.docfleet.spend.ProviderPrices;
import io.docfleet.spend.SpendCounters;
import io.docfleet.testing.SlowTest;
import io.docfleet.testing.TestDatabase;
import io.docfleet.worker.extraction.ExtractionSettings;
import io.docfleet.worker.extraction.Extractors;
import io.docfleet.worker.ocr.TextractEngine;
import io.docfleet.worker.ocr.TextractSettings;
import io.docfleet.worker.testing.FakeOpenAi;
import io.docfleet.worker.testing.FakeTextract;
import io.docfleet.worker.testing.TestDocuments;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The spend ledger through the whole pipeline on a real worker, Redis and PostgreSQL: every paid
 * call's units are the ones the provider's stand-in reported, to the token and the page; the same
 * content submitted again adds {@code cached} rows that cost what round one cost, and no spend; the
 * live counters in Redis add up to the ledger; a call whose reply could not be used is recorded
 * with the failure.
 */
@SlowTest
class SpendLedgerTest {
  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  private static final List<String> TEXTS =
      List.of(
          "SERVICES AGREEMENT between Acme Holdings, Inc. and Northwind Logistics LLC, made on"
              + " March 3, 2025. The fee is $1,250,000.00 payable to billing@acme.example.",
          "LEASE between Harbor Point Properties LLC and Globex Corporation, dated May 6, 2024."
              + " Rent is $12,500.00 a month, due on the first day of each month. The term is"
              + " five years from June 1, 2024. Notices go to legal@globex.example or to Harbor"
              + " Point Properties LLC at its registered office. Either party may end the lease"
              + " on six months' notice after March 1, 2026. The deposit is $37,500.00, held by"
              + " First Harbor Bank.",
          "NOTICE of default sent by Initech Holdings, Inc. to Umbrella Group on April 28, 2025.");

  @TempDir Path inbox;
  private PipelineFleet pipeline;
  private FakeOpenAi openAi;
  private FakeTextract textract;

  @BeforeEach
  void setUp() {
    db.clear();
    pipeline = new PipelineFleet(db.dataSource(), inbox);
    openAi = new FakeOpenAi();
    openAi.replyWith(RateLimitedPipelineTest::answerLikeTheRules);
    openAi.cachedPercent(25);
    textract = new FakeTextract();
  }

  @AfterEach
  void tearDown() {
    pipeline.assertNoDocumentIsStranded();
    pipeline.close();
    openAi.close();
    textract.close();
  }

  private void startWithOpenAi() {
    Map<String, String> env = new HashMap<>();
    env.put("ENTITY_EXTRACTOR", "openai");
    env.put("STRUCTURED_EXTRACTOR", "openai");
    env.put("OPENAI_API_KEY", "sk-test-not-a-real-key");
    env.put("OPENAI_BASE_URL", openAi.baseUrl());
    env.put("OPENAI_MODEL", "gpt-4o-mini");
    env.put("RETRY_BACKOFF_BASE", "50ms");
    env.put("DELAYED_POLL_INTERVAL", "50ms");
    ExtractionSettings extraction = ExtractionSettings.fromEnv(new Env(env));
    pipeline
        .chunkChars(200)
        .entities(Extractors.entityExtractor(extraction))
        .structured(Extractors.structuredExtractor(extraction))
        .start(env);
  }

  /** Submits every text as a document of group {@code acme}, and waits for each to complete. */
  private List<String> submitAll(String round) throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < TEXTS.size(); i++) {
      String id = "d-" + round + "-" + i;
      Path file = pipeline.file(round + "-" + i + ".txt", TestDocuments.utf8(TEXTS.get(i)));
      pipeline.submitter.submit(
          pipeline.ocrTask("t-" + id, id, file.toUri().toString()).withGroup("acme"));
      ids.add(id);
    }
    ids.forEach(id -> pipeline.awaitStatus(id, "completed"));
    return ids;
  }

  private List<ProviderCall> ledgerOf(List<String> documents) {
    List<ProviderCall> rows = new ArrayList<>();
    documents.forEach(id -> rows.addAll(pipeline.store.providerCalls().ofDocument(id)));
    return rows;
  }

  private static long units(List<ProviderCall> rows, Predicate<ProviderCall> which, String unit) {
    return rows.stream().filter(which).mapToLong(r -> r.units().getOrDefault(unit, 0L)).sum();
  }

  private static BigDecimal cost(List<ProviderCall> rows, Predicate<ProviderCall> which) {
    return rows.stream()
        .filter(which)
        .map(ProviderCall::costUsd)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static long micro(List<ProviderCall> rows, Predicate<ProviderCall> which) {
    return rows.stream().filter(which).mapToLong(r -> SpendCounters.micro(r.costUsd())).sum();
  }

  private static final Predicate<ProviderCall> PAID = r -> !r.cached();
  private static final Predicate<ProviderCall> CACHED = ProviderCall::cached;

  @Test
  void theLedgersTokensAreTheOnesServedAndTheSameContentAgainAddsSavingsEqualToRoundOnesCost()
      throws Exception {
    startWithOpenAi();

    List<String> first = submitAll("one");

    List<ProviderCall> roundOne = ledgerOf(first);
    assertThat(roundOne).allMatch(PAID);
    assertThat(roundOne).hasSize(openAi.received().size());
    assertThat(units(roundOne, PAID, ProviderPrices.INPUT_TOKENS))
        .isEqualTo(openAi.promptTokens.get());
    assertThat(units(roundOne, PAID, ProviderPrices.CACHED_INPUT_TOKENS))
        .isEqualTo(openAi.cachedTokens.get())
        .isPositive();
    assertThat(units(roundOne, PAID, ProviderPrices.OUTPUT_TOKENS))
        .isEqualTo(openAi.completionTokens.get());
    assertThat(roundOne)
        .allSatisfy(
            row -> {
              assertThat(row.provider()).isEqualTo("openai");
              assertThat(row.operation()).isEqualTo("chat.completions");
              assertThat(row.model()).isEqualTo("gpt-4o-mini");
              assertThat(row.group()).isEqualTo("acme");
              assertThat(row.price()).containsEntry("as_of", "2026-12-07");
              assertThat(row.costUsd()).isPositive();
            });
    assertThat(roundOne)
        .extracting(ProviderCall::stage)
        .containsOnly(Stage.ENTITIES.taskType(), Stage.STRUCTURED.taskType());
    // priced as the table says: input less cached at 0.15, cached at 0.075, output at 0.60 per 1M
    long input = openAi.promptTokens.get();
    long cached = openAi.cachedTokens.get();
    long output = openAi.completionTokens.get();
    BigDecimal expected =
        new BigDecimal("0.15")
            .multiply(BigDecimal.valueOf(input - cached))
            .add(new BigDecimal("0.075").multiply(BigDecimal.valueOf(cached)))
            .add(new BigDecimal("0.60").multiply(BigDecimal.valueOf(output)))
            .divide(BigDecimal.valueOf(1_000_000));
    assertThat(cost(roundOne, PAID)).isEqualByComparingTo(expected);
    assertThat(pipeline.state(first.get(0))).containsKey("provider_calls");

    // the same content again: every call answered by the cache, recorded as the call it avoided
    int served = openAi.received().size();
    List<String> second = submitAll("two");

    assertThat(openAi.received()).hasSize(served);
    List<ProviderCall> roundTwo = ledgerOf(second);
    assertThat(roundTwo).hasSameSizeAs(roundOne).allMatch(CACHED);
    assertThat(cost(roundTwo, CACHED)).isEqualByComparingTo(cost(roundOne, PAID));
    assertThat(units(roundTwo, CACHED, ProviderPrices.INPUT_TOKENS)).isEqualTo(input);
    assertThat(units(roundTwo, CACHED, ProviderPrices.OUTPUT_TOKENS)).isEqualTo(output);
    assertThat(ledgerOf(first)).hasSameSizeAs(roundOne); // nothing new spent

    // the live counters add up to the ledger (each row rounded to whole micro-USD)
    SpendCounters counters = new SpendCounters(pipeline.fleet);
    LocalDate today = roundOne.get(0).at().atZone(ZoneOffset.UTC).toLocalDate();
    assertThat(counters.spentOn(today)).isEqualTo(micro(roundOne, PAID)).isPositive();
    assertThat(counters.spentOn(today, "acme")).isEqualTo(micro(roundOne, PAID));
    Map<String, Long> total = counters.total();
    assertThat(total)
        .containsEntry("saved", micro(roundTwo, CACHED))
        .containsEntry("spent:openai:chat.completions", micro(roundOne, PAID))
        .containsEntry("units:openai:chat.completions:input_tokens", input)
        .containsEntry("units:openai:chat.completions:output_tokens", output);
    assertThat(pipeline.redis().getMap(pipeline.keys().spend().day(today)).remainTimeToLive())
        .isPositive()
        .isLessThanOrEqualTo(Duration.ofDays(40).toMillis());
  }

  @Test
  void aReplyTheExtractorCannotUseIsStillRecordedWithTheFailure() throws Exception {
    openAi.refuse("I cannot help with that.");
    startWithOpenAi();
    Path file = pipeline.file("refused.txt", TestDocuments.utf8(TEXTS.get(0)));

    pipeline.submitOcr("t-refused", "d-refused", file);
    pipeline.awaitStatus("d-refused", "failed");

    List<ProviderCall> rows = pipeline.store.providerCalls().ofDocument("d-refused");
    assertThat(rows).hasSize(openAi.received().size()).isNotEmpty().allMatch(PAID);
    assertThat(units(rows, PAID, ProviderPrices.INPUT_TOKENS)).isEqualTo(openAi.promptTokens.get());
  }

  @Test
  void textractPagesAreRecordedOnePerDetectCallAndTheSameBytesAgainAreSaved() throws Exception {
    TextractEngine engine =
        TextractEngine.create(
            new TextractSettings(
                Optional.of("eu-west-1"), Optional.of(textract.endpoint()), Duration.ofSeconds(20)),
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")));
    pipeline
        .ocr(engine)
        .start(Map.of("PROVIDER_PRICES", "textract:detect_document_text:page=0.002"));
    Path brief =
        pipeline.file("brief.pdf", TestDocuments.textPdf("BRIEF of Acme", "Page two", "Signed"));
    Path letter = pipeline.file("letter.png", TestDocuments.png("a letter"));

    pipeline.submitOcr("t-brief", "d-brief", brief);
    pipeline.submitOcr("t-letter", "d-letter", letter);
    pipeline.awaitStatus("d-brief", "completed");
    pipeline.awaitStatus("d-letter", "completed");

    List<ProviderCall> paid = ledgerOf(List.of("d-brief", "d-letter"));
    assertThat(units(paid, PAID, ProviderPrices.PAGES))
        .isEqualTo(textract.received("DetectDocumentText").size())
        .isEqualTo(4);
    assertThat(paid)
        .allSatisfy(
            row -> {
              assertThat(row.provider()).isEqualTo("textract");
              assertThat(row.operation()).isEqualTo("detect_document_text");
              assertThat(row.model()).isNull();
              assertThat(row.stage()).isEqualTo("ocr");
            });
    assertThat(cost(paid, PAID)).isEqualByComparingTo("0.008");

    pipeline.submitOcr(
        "t-brief-again",
        "d-brief-again",
        pipeline.file("again.pdf", java.nio.file.Files.readAllBytes(brief)));
    pipeline.awaitStatus("d-brief-again", "completed");

    assertThat(textract.received("DetectDocumentText")).hasSize(4);
    List<ProviderCall> saved = pipeline.store.providerCalls().ofDocument("d-brief-again");
    assertThat(saved).allMatch(CACHED);
    assertThat(units(saved, CACHED, ProviderPrices.PAGES)).isEqualTo(3);
    assertThat(cost(saved, CACHED)).isEqualByComparingTo("0.006");
    engine.close();
  }
}
