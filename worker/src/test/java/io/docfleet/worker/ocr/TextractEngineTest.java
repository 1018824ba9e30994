package io.docfleet.worker.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docfleet.document.ContentHash;
import io.docfleet.document.PageText;
import io.docfleet.source.S3Location;
import io.docfleet.worker.provider.ProviderException;
import io.docfleet.worker.testing.FakeTextract;
import io.docfleet.worker.testing.HttpStub.Received;
import io.docfleet.worker.testing.TestDocuments;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Textract's requests on the wire, its asynchronous jobs, and how its failures are sorted. */
class TextractEngineTest {
  private static final byte[] THREE_PAGES =
      TestDocuments.textPdf("First page of the brief", "Second page", "Third and last page");

  private FakeTextract textract;
  private TextractEngine engine;

  @BeforeEach
  void startFake() {
    textract = new FakeTextract();
    engine = TextractEngineContractTest.engineFor(textract);
  }

  @AfterEach
  void stopFake() {
    textract.close();
  }

  @Test
  void sendsEachPageOfAPdfGivenAsBytesAsASinglePagePdf() throws Exception {
    List<PageText> pages = engine.recognize(OcrInput.of(THREE_PAGES));

    assertThat(pages)
        .extracting(PageText::text)
        .containsExactly("First page of the brief", "Second page", "Third and last page");
    List<Received> calls = textract.received("DetectDocumentText");
    assertThat(calls).hasSize(3);
    for (Received call : calls) {
      assertThat(call.header("Content-Type")).isEqualTo("application/x-amz-json-1.1");
      assertThat(call.header("Authorization"))
          .startsWith("AWS4-HMAC-SHA256")
          .contains("eu-west-1/textract");
      byte[] sent = Base64.getDecoder().decode(call.body().path("Document").path("Bytes").asText());
      try (PDDocument page = Loader.loadPDF(sent)) {
        assertThat(page.getNumberOfPages()).isEqualTo(1);
      }
    }
  }

  @Test
  void runsAMultiPagePdfInS3AsAJobThatIsPolledUntilDone() throws Exception {
    textract.putObject("legal-docs", "cases/brief.pdf", THREE_PAGES);
    OcrInput input = OcrInput.inS3(THREE_PAGES, new S3Location("legal-docs", "cases/brief.pdf"));
    assertThat(engine.needsJob(input)).isTrue();

    String token = ContentHash.sha256(THREE_PAGES);
    String jobId = engine.start(input, token);
    String again = engine.start(input, token);
    OcrJobStatus first = engine.poll(jobId);
    OcrJobStatus second = engine.poll(jobId);

    assertThat(again).isEqualTo(jobId);
    List<Received> starts = textract.received("StartDocumentTextDetection");
    assertThat(starts)
        .extracting(r -> r.body().path("ClientRequestToken").asText())
        .containsOnly(token);
    assertThat(engine.start(input, "another-token"))
        .as("another token, another job")
        .isNotEqualTo(jobId);
    assertThat(
            starts.get(0).body().path("DocumentLocation").path("S3Object").path("Bucket").asText())
        .isEqualTo("legal-docs");
    assertThat(starts.get(0).body().path("DocumentLocation").path("S3Object").path("Name").asText())
        .isEqualTo("cases/brief.pdf");
    assertThat(first).isEqualTo(new OcrJobStatus.InProgress(jobId));
    assertThat(second).isInstanceOf(OcrJobStatus.Done.class);
    assertThat(((OcrJobStatus.Done) second).pages())
        .containsExactly(
            new PageText(1, "First page of the brief", "textract"),
            new PageText(2, "Second page", "textract"),
            new PageText(3, "Third and last page", "textract"));
    assertThat(textract.received("GetDocumentTextDetection"))
        .extracting(r -> r.body().path("NextToken").asText(""))
        .containsExactly("", "", "page-2", "page-3");
  }

  @Test
  void readsSmallInputsDirectlyEvenWhenTheyAreInS3() throws Exception {
    byte[] onePage = TestDocuments.textPdf("Only page");

    assertThat(engine.needsJob(OcrInput.inS3(onePage, new S3Location("b", "one.pdf")))).isFalse();
    assertThat(engine.needsJob(OcrInput.of(THREE_PAGES))).isFalse();
  }

  @Test
  void aJobNeedsAnS3Location() {
    assertThatThrownBy(() -> engine.start(OcrInput.of(THREE_PAGES), "token-1"))
        .isInstanceOf(ProviderException.Permanent.class)
        .hasMessageContaining("no s3:// location");
  }

  @Test
  void aFailedJobFailsForGoodWithTextractsMessage() throws Exception {
    textract.putObject("b", "bad.pdf", THREE_PAGES);
    textract.failJobsOf("b", "bad.pdf", "Request has unsupported document format");
    textract.inProgressPolls(0);
    String jobId =
        engine.start(OcrInput.inS3(THREE_PAGES, new S3Location("b", "bad.pdf")), "token-1");

    assertThatThrownBy(() -> engine.poll(jobId))
        .isInstanceOf(ProviderException.Permanent.class)
        .hasMessageContaining("ended FAILED: Request has unsupported document format");
  }

  @Test
  void anUnknownJobFailsForGood() {
    assertThatThrownBy(() -> engine.poll("no-such-job"))
        .isInstanceOf(ProviderException.Permanent.class)
        .hasMessageContaining("InvalidJobIdException");
  }

  @Test
  void throttlingAndServerErrorsAreRetryable() {
    OcrInput page = OcrInput.of(TestDocuments.textPdf("x"));
    textract.failNext(429, "ThrottlingException", "Rate exceeded");
    textract.failNext(400, "ProvisionedThroughputExceededException", "Slow down");
    textract.failNext(500, "InternalServerError", "Internal failure");
    textract.failNext(503, "ServiceUnavailable", "Try later");

    for (String code :
        List.of(
            "ThrottlingException",
            "ProvisionedThroughputExceededException",
            "InternalServerError",
            "HTTP 503")) {
      assertThatThrownBy(() -> engine.recognize(page))
          .isInstanceOf(ProviderException.Retryable.class)
          .hasMessageContaining("textract: DetectDocumentText of page 1 failed")
          .hasMessageContaining(code)
          .hasMessageNotContaining(TextractEngineContractTest.SECRET_KEY);
    }
    assertThat(textract.received("DetectDocumentText")).hasSize(4);
  }

  @Test
  void aRejectedSignatureFailsForGoodWithoutTheKey() {
    textract.failNext(
        403,
        "InvalidSignatureException",
        "Signature mismatch for Credential=AKIDEXAMPLE12345678/20240105/eu-west-1/textract");

    assertThatThrownBy(() -> engine.recognize(OcrInput.of(TestDocuments.png("x"))))
        .isInstanceOf(ProviderException.Permanent.class)
        .hasMessageContaining("HTTP 403 InvalidSignatureException")
        .hasMessageNotContaining("AKIDEXAMPLE12345678")
        .hasNoCause();
  }

  @Test
  void aBadRequestFailsForGood() {
    textract.failNext(400, "InvalidParameterException", "Request has invalid parameters");

    assertThatThrownBy(() -> engine.recognize(OcrInput.of(TestDocuments.png("x"))))
        .isInstanceOf(ProviderException.Permanent.class)
        .hasMessageContaining("HTTP 400 InvalidParameterException: Request has invalid parameters");
  }

  @Test
  void everyCallTakesAPermitAndOneHeldBackIsNotSent() throws Exception {
    List<String> asked = new CopyOnWriteArrayList<>();
    Set<String> heldBack = ConcurrentHashMap.newKeySet();
    TextractSettings settings =
        new TextractSettings(
            Optional.of("eu-west-1"), Optional.of(textract.endpoint()), Duration.ofSeconds(20));
    try (TextractEngine limited =
        TextractEngine.create(
            settings,
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIDEXAMPLE", TextractEngineContractTest.SECRET_KEY)),
            operation -> {
              asked.add(operation);
              return heldBack.contains(operation)
                  ? Optional.of(Duration.ofSeconds(3))
                  : Optional.empty();
            })) {
      textract.putObject("b", "brief.pdf", THREE_PAGES);
      textract.inProgressPolls(0);
      OcrInput input = OcrInput.inS3(THREE_PAGES, new S3Location("b", "brief.pdf"));
      limited.recognize(OcrInput.of(TestDocuments.png("x")));
      limited.poll(limited.start(input, "token-1"));
      assertThat(asked).containsExactly("detect", "start", "get", "get", "get");

      heldBack.add("detect");
      assertThatThrownBy(() -> limited.recognize(OcrInput.of(TestDocuments.png("x"))))
          .isInstanceOf(ProviderException.OverRateLimit.class)
          .hasMessageContaining("detect is over the fleet's rate limit")
          .satisfies(
              e ->
                  assertThat(((ProviderException.OverRateLimit) e).retryAfter())
                      .isEqualTo(Duration.ofSeconds(3)));
      assertThat(textract.received("DetectDocumentText")).hasSize(1);
    }
  }

  @Test
  void anUnreachableEndpointIsRetryable() {
    textract.close();

    assertThatThrownBy(() -> engine.recognize(OcrInput.of(TestDocuments.png("x"))))
        .isInstanceOf(ProviderException.Retryable.class)
        .hasMessageContaining("DetectDocumentText of page 1");
  }
}
