package io.docfleet.tools.standins;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * A Textract-compatible server for {@code scripts/demo --stand-ins}, speaking AWS JSON 1.1 ({@code
 * POST /}, {@code X-Amz-Target}): DetectDocumentText, one page a call, which is how the worker
 * reads the demo's local files. It answers a PDF page with the lines of its text layer; it reads no
 * pixels, so a page without a text layer, or an image, gets one line saying so (with the content's
 * size and hash: the same bytes, the same answer). Each call bills one page, counted here. Textract
 * jobs (Start/GetDocumentTextDetection, for files in S3) are not served.
 */
public final class TextractStandIn extends LoopbackServer {
  static final String DETECT = "Textract.DetectDocumentText";
  private static final String CONTENT_TYPE = "application/x-amz-json-1.1";

  private final AtomicLong pages = new AtomicLong();

  public TextractStandIn() {
    super("textract-stand-in");
  }

  /** {@code http://127.0.0.1:<port>}, as AWS_ENDPOINT_URL_TEXTRACT takes it. */
  public String endpoint() {
    return address();
  }

  /** The pages billed so far, one per DetectDocumentText call answered. */
  Served served() {
    return new Served(0, 0, 0, 0, pages.get());
  }

  @Override
  Reply answer(Request request) throws IOException {
    String target = request.headers().getOrDefault("X-Amz-Target", "");
    if (!DETECT.equals(target)) {
      return error(
          "UnknownOperationException",
          "the stand-in serves only " + DETECT + ", not '" + target + "'");
    }
    String bytes = request.body().path("Document").path("Bytes").asText("");
    if (bytes.isEmpty()) {
      return error("InvalidParameterException", "Document.Bytes is required");
    }
    byte[] content;
    try {
      content = Base64.getDecoder().decode(bytes);
    } catch (IllegalArgumentException e) {
      return error("InvalidParameterException", "Document.Bytes is not base64");
    }
    List<String> lines;
    if (isPdf(content)) {
      try (PDDocument document = Loader.loadPDF(content)) {
        if (document.getNumberOfPages() != 1) {
          return error("UnsupportedDocumentException", "DetectDocumentText reads one page");
        }
        lines = textLayer(document);
      } catch (IOException e) {
        return error("UnsupportedDocumentException", "not a PDF the stand-in can read");
      }
    } else {
      lines = List.of();
    }
    if (lines.isEmpty()) {
      lines = List.of(unread(content));
    }
    pages.incrementAndGet();
    ObjectNode reply = JSON.createObjectNode();
    reply.putObject("DocumentMetadata").put("Pages", 1);
    reply.set("Blocks", blocks(lines));
    return new Reply(200, CONTENT_TYPE, reply.toString(), Map.of());
  }

  @Override
  Reply badRequest(String message) {
    return error("SerializationException", message);
  }

  /** The one line a page without a text layer gets. */
  static String unread(byte[] content) {
    return String.format(
        "Image of %,d bytes (sha256 %s): the Textract stand-in reads text layers, not pixels.",
        content.length, sha256(content).substring(0, 12));
  }

  private static List<String> textLayer(PDDocument document) throws IOException {
    return new PDFTextStripper()
        .getText(document)
        .lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty())
        .toList();
  }

  private static ArrayNode blocks(List<String> lines) {
    ArrayNode blocks = JSON.createArrayNode();
    blocks.addObject().put("BlockType", "PAGE").put("Page", 1).put("Id", "page-1");
    int id = 0;
    for (String line : lines) {
      blocks
          .addObject()
          .put("BlockType", "LINE")
          .put("Text", line)
          .put("Page", 1)
          .put("Id", "line-" + id++)
          .put("Confidence", 99.0);
    }
    return blocks;
  }

  private static boolean isPdf(byte[] content) {
    return content.length > 4
        && content[0] == '%'
        && content[1] == 'P'
        && content[2] == 'D'
        && content[3] == 'F';
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256 in this JVM", e);
    }
  }

  private static Reply error(String type, String message) {
    ObjectNode body = JSON.createObjectNode().put("__type", type).put("message", message);
    return new Reply(400, CONTENT_TYPE, body.toString(), Map.of("x-amzn-ErrorType", type));
  }
}
