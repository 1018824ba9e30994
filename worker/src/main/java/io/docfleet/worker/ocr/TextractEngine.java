package io.docfleet.worker.ocr;

import io.docfleet.document.PageText;
import io.docfleet.source.S3Location;
import io.docfleet.worker.provider.CallPermits;
import io.docfleet.worker.provider.Metered;
import io.docfleet.worker.provider.ProviderException;
import io.docfleet.worker.provider.ProviderUsage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.textract.TextractClient;
import software.amazon.awssdk.services.textract.model.DetectDocumentTextResponse;
import software.amazon.awssdk.services.textract.model.Document;

/**
 * {@code OCR_ENGINE=textract}: Amazon Textract's text detection. Images and PDFs given as bytes are
 * read page by page with DetectDocumentText; a multi-page PDF (or a TIFF) that is in S3 runs as a
 * job instead ({@link #start} then {@link #poll}), which holds no thread while Textract works. Each
 * call first takes a permit of the fleet-wide rate limit of its operation ({@code detect}, {@code
 * start}, {@code get}: {@code RATE_LIMIT_TEXTRACT_DETECT}...); a call held back throws {@link
 * ProviderException.OverRateLimit}.
 */
public final class TextractEngine implements AsyncOcrEngine, AutoCloseable {
  public static final String NAME = "textract";
  static final String METHOD = "textract";

  /** The rate-limited operations: DetectDocumentText, StartDocumentTextDetection, GetDocument... */
  public static final String DETECT = "detect";

  public static final String START = "start";
  public static final String GET = "get";

  /** What one DetectDocumentText call bills. */
  private static final ProviderUsage ONE_PAGE =
      ProviderUsage.textractPages(ProviderUsage.DETECT_DOCUMENT_TEXT, 1);

  private final TextractClient client;
  private final CallPermits permits;
  private final TextractJobs jobs;

  public TextractEngine(TextractClient client) {
    this(client, CallPermits.unlimited());
  }

  public TextractEngine(TextractClient client, CallPermits permits) {
    this.client = client;
    this.permits = permits;
    this.jobs = new TextractJobs(client, permits);
  }

  /** An engine on a client built from the settings, with the SDK's default credential chain. */
  public static TextractEngine create(TextractSettings settings) {
    return new TextractEngine(TextractClients.create(settings));
  }

  /** An engine on a client built from the settings, whose calls take the given permits. */
  public static TextractEngine create(TextractSettings settings, CallPermits permits) {
    return new TextractEngine(TextractClients.create(settings), permits);
  }

  /** An engine on a client built from the settings, with the given credentials. */
  public static TextractEngine create(
      TextractSettings settings, AwsCredentialsProvider credentials) {
    return create(settings, credentials, CallPermits.unlimited());
  }

  /** An engine on a client built from the settings, with the given credentials and permits. */
  public static TextractEngine create(
      TextractSettings settings, AwsCredentialsProvider credentials, CallPermits permits) {
    return new TextractEngine(TextractClients.create(settings, credentials), permits);
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Textract names no model version: the API version and how lines become page text. */
  @Override
  public String version() {
    return "textract-2018-06-27-lines-v1";
  }

  @Override
  public List<PageText> recognize(OcrInput input) throws ProviderException {
    return recognizeMetered(input).result();
  }

  /** The pages, with one page billed for each DetectDocumentText call (none for plain text). */
  @Override
  public Metered<List<PageText>> recognizeMetered(OcrInput input) throws ProviderException {
    MediaType type = MediaType.detect(input.content(), NAME);
    if (type == MediaType.PLAIN_TEXT) {
      return Metered.free(PlainText.pages(input.content(), NAME));
    }
    List<PageText> pages =
        type == MediaType.PDF
            ? detectEveryPage(input.content())
            : List.of(detect(input.content(), 1));
    return new Metered<>(pages, Collections.nCopies(pages.size(), ONE_PAGE));
  }

  @Override
  public boolean needsJob(OcrInput input) throws ProviderException {
    if (input.location().isEmpty()) {
      return false;
    }
    MediaType type = MediaType.detect(input.content(), NAME);
    return type == MediaType.TIFF || type == MediaType.PDF && pageCount(input.content()) > 1;
  }

  /**
   * {@inheritDoc} The token is Textract's ClientRequestToken: 1 to 64 letters, digits, {@code -} or
   * {@code _}, such as a sha256 in hex.
   */
  @Override
  public String start(OcrInput input, String requestToken) throws ProviderException {
    S3Location location =
        input
            .location()
            .orElseThrow(
                () ->
                    ProviderException.permanent(
                        NAME,
                        "a Textract job reads from S3, and this input has no s3:// location"));
    return jobs.start(location, requestToken);
  }

  @Override
  public OcrJobStatus poll(String jobId) throws ProviderException {
    return jobs.poll(jobId);
  }

  private List<PageText> detectEveryPage(byte[] content) throws ProviderException {
    PDDocument document = PdfDocuments.open(content, NAME);
    try {
      if (document.getNumberOfPages() == 1) {
        return List.of(detect(content, 1));
      }
      List<PageText> pages = new ArrayList<>();
      for (int i = 0; i < document.getNumberOfPages(); i++) {
        try {
          pages.add(detect(PdfDocuments.singlePage(document, i, NAME), i + 1));
        } catch (ProviderException e) {
          throw e.billed(Collections.nCopies(pages.size(), ONE_PAGE)); // the pages read were paid
        }
      }
      return pages;
    } finally {
      PdfDocuments.close(document);
    }
  }

  private PageText detect(byte[] singlePage, int pageNumber) throws ProviderException {
    permit(permits, DETECT);
    DetectDocumentTextResponse response;
    try {
      response =
          client.detectDocumentText(
              r ->
                  r.document(Document.builder().bytes(SdkBytes.fromByteArray(singlePage)).build()));
    } catch (SdkException e) {
      throw TextractFailures.map(e, "DetectDocumentText of page " + pageNumber);
    }
    String text = TextractBlocks.pages(response.blocks(), 1).get(0).text();
    return new PageText(pageNumber, text, METHOD);
  }

  /** Takes a permit of {@code operation}, or throws how long to wait for one. */
  static void permit(CallPermits permits, String operation) throws ProviderException {
    var wait = permits.take(operation);
    if (wait.isPresent()) {
      throw ProviderException.overRateLimit(NAME, operation, wait.get());
    }
  }

  private static int pageCount(byte[] pdf) throws ProviderException {
    PDDocument document = PdfDocuments.open(pdf, NAME);
    try {
      return document.getNumberOfPages();
    } finally {
      PdfDocuments.close(document);
    }
  }

  /** Releases the client's connections. */
  @Override
  public void close() {
    client.close();
  }
}
