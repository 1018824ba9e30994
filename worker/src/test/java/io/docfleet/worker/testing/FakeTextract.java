package io.docfleet.worker.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Textract on loopback, speaking AWS JSON 1.1: DetectDocumentText reads a PDF's text layer (and
 * answers {@link #imageLines} for images); StartDocumentTextDetection makes one job per
 * ClientRequestToken over an object put in its pretend S3; GetDocumentTextDetection answers
 * IN_PROGRESS for the first {@link #inProgressPolls} polls of a job, then SUCCEEDED with one page
 * per response, chained by NextToken. Queued faults answer the next requests.
 */
public final class FakeTextract extends HttpStub {
  private static final String CONTENT_TYPE = "application/x-amz-json-1.1";

  private final Map<String, byte[]> s3 = new ConcurrentHashMap<>();
  private final Map<String, String> jobByToken = new ConcurrentHashMap<>();
  private final Map<String, String> objectByJob = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> pollsByJob = new ConcurrentHashMap<>();
  private final Map<String, String> failedJobs = new ConcurrentHashMap<>();
  private final Deque<Answer> faults = new ArrayDeque<>();
  private final AtomicInteger jobs = new AtomicInteger();
  private volatile List<String> imageLines = List.of("HELLO DOCFLEET");
  private volatile int inProgressPolls = 1;

  public URI endpoint() {
    return URI.create(address());
  }

  public void putObject(String bucket, String key, byte[] content) {
    s3.put(bucket + "/" + key, content);
  }

  public void imageLines(List<String> lines) {
    this.imageLines = List.copyOf(lines);
  }

  public void inProgressPolls(int polls) {
    this.inProgressPolls = polls;
  }

  /** Jobs over this object end FAILED with the message. */
  public void failJobsOf(String bucket, String key, String statusMessage) {
    failedJobs.put(bucket + "/" + key, statusMessage);
  }

  /** The next request is answered with this AWS error. */
  public synchronized void failNext(int status, String errorType, String message) {
    String body = "{\"__type\":\"" + errorType + "\",\"message\":\"" + message + "\"}";
    faults.add(new Answer(status, CONTENT_TYPE, body, Map.of("x-amzn-ErrorType", errorType)));
  }

  /** The requests received for one operation, e.g. {@code StartDocumentTextDetection}. */
  public List<Received> received(String operation) {
    return received().stream()
        .filter(r -> ("Textract." + operation).equals(r.header("X-Amz-Target")))
        .toList();
  }

  @Override
  protected Answer answer(Received request) throws IOException {
    synchronized (this) {
      if (!faults.isEmpty()) {
        return faults.poll();
      }
    }
    String target = request.header("X-Amz-Target");
    JsonNode body = request.body();
    return switch (target == null ? "" : target) {
      case "Textract.DetectDocumentText" -> detect(body);
      case "Textract.StartDocumentTextDetection" -> start(body);
      case "Textract.GetDocumentTextDetection" -> get(body);
      default -> error(400, "UnknownOperationException", "no operation " + target);
    };
  }

  private Answer detect(JsonNode body) throws IOException {
    byte[] bytes = Base64.getDecoder().decode(body.path("Document").path("Bytes").asText());
    List<List<String>> pages = isPdf(bytes) ? pdfLines(bytes) : List.of(imageLines);
    if (pages.size() != 1) {
      return error(400, "UnsupportedDocumentException", "DetectDocumentText reads one page");
    }
    ObjectNode reply = JSON.createObjectNode();
    reply.putObject("DocumentMetadata").put("Pages", 1);
    reply.set("Blocks", blocks(pages.get(0), 1));
    return ok(reply);
  }

  private Answer start(JsonNode body) {
    JsonNode s3Object = body.path("DocumentLocation").path("S3Object");
    String object = s3Object.path("Bucket").asText() + "/" + s3Object.path("Name").asText();
    if (!s3.containsKey(object)) {
      return error(400, "InvalidS3ObjectException", "Unable to get object metadata from S3");
    }
    String token = body.path("ClientRequestToken").asText(null);
    String jobId =
        token == null
            ? "job-" + jobs.incrementAndGet()
            : jobByToken.computeIfAbsent(token, t -> "job-" + jobs.incrementAndGet());
    objectByJob.put(jobId, object);
    ObjectNode reply = JSON.createObjectNode().put("JobId", jobId);
    return ok(reply);
  }

  private Answer get(JsonNode body) throws IOException {
    String jobId = body.path("JobId").asText();
    String object = objectByJob.get(jobId);
    if (object == null) {
      return error(400, "InvalidJobIdException", "Request has invalid Job Id");
    }
    int poll = pollsByJob.computeIfAbsent(jobId, j -> new AtomicInteger()).incrementAndGet();
    ObjectNode reply = JSON.createObjectNode();
    if (poll <= inProgressPolls) {
      return ok(reply.put("JobStatus", "IN_PROGRESS"));
    }
    if (failedJobs.containsKey(object)) {
      return ok(reply.put("JobStatus", "FAILED").put("StatusMessage", failedJobs.get(object)));
    }
    List<List<String>> pages = pdfLines(s3.get(object));
    String next = body.path("NextToken").asText("");
    int page = next.isEmpty() ? 1 : Integer.parseInt(next.substring("page-".length()));
    reply.put("JobStatus", "SUCCEEDED");
    reply.putObject("DocumentMetadata").put("Pages", pages.size());
    reply.set("Blocks", blocks(pages.get(page - 1), page));
    if (page < pages.size()) {
      reply.put("NextToken", "page-" + (page + 1));
    }
    return ok(reply);
  }

  private static ArrayNode blocks(List<String> lines, int page) {
    ArrayNode blocks = JSON.createArrayNode();
    blocks.addObject().put("BlockType", "PAGE").put("Page", page).put("Id", "p" + page);
    int id = 0;
    for (String line : lines) {
      blocks
          .addObject()
          .put("BlockType", "LINE")
          .put("Text", line)
          .put("Page", page)
          .put("Id", "l" + page + "-" + id++)
          .put("Confidence", 99.1);
      for (String word : line.split(" ")) {
        blocks
            .addObject()
            .put("BlockType", "WORD")
            .put("Text", word)
            .put("Page", page)
            .put("Id", "w" + page + "-" + id++);
      }
    }
    return blocks;
  }

  private static List<List<String>> pdfLines(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      List<List<String>> pages = new ArrayList<>();
      PDFTextStripper stripper = new PDFTextStripper();
      for (int page = 1; page <= document.getNumberOfPages(); page++) {
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        pages.add(
            stripper
                .getText(document)
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .toList());
      }
      return pages;
    }
  }

  private static boolean isPdf(byte[] bytes) {
    return bytes.length > 4
        && bytes[0] == '%'
        && bytes[1] == 'P'
        && bytes[2] == 'D'
        && bytes[3] == 'F';
  }

  private static Answer ok(JsonNode body) {
    return new Answer(200, CONTENT_TYPE, body.toString(), Map.of());
  }

  private static Answer error(int status, String type, String message) {
    String body = "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}";
    return new Answer(status, CONTENT_TYPE, body, Map.of("x-amzn-ErrorType", type));
  }
}
