package io.docfleet.api.http;

import static io.docfleet.api.TestCoordinator.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.api.RawHttp;
import io.docfleet.api.RawHttp.Answer;
import io.docfleet.api.TestCoordinator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A request refused before its body was read (a missing or wrong token, the wrong content type, a
 * declared size over the limit, no such route) has its body read and dropped up to {@link
 * Drain#CAP}, so a client still sending gets its answer on a connection that stays usable: here a
 * second request sent right behind the refused one on the same socket is answered too. A body
 * declared larger than the cap is not read: the answer says {@code Connection: close}.
 *
 * <p>The bodies are larger than what Jetty itself reads of an unread body once the answer is
 * written (at most 16 reads of what has arrived), so unless the server reads them the connection is
 * closed after the first answer, every time. {@code DocumentCommandsTest} shows what a client that
 * sends its whole body before it reads the answer (the CLI) then saw.
 */
class RefusedBodyTest {
  @RegisterExtension static final TestCoordinator api = TestCoordinator.withEnv(Map.of());

  private static final int ONE_MIB = 1024 * 1024;
  private static final String MULTIPART = "multipart/form-data; boundary=b";
  private static final String NEXT =
      "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";

  @BeforeEach
  void clean() {
    api.reset();
  }

  /** The refused request, then a health check on the same connection. */
  private static List<Answer> refusedThenHealth(String path, String headers, byte[] body) {
    String head =
        "POST "
            + path
            + " HTTP/1.1\r\nHost: localhost\r\n"
            + headers
            + "Content-Length: "
            + body.length
            + "\r\n\r\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(body);
    out.writeBytes(NEXT.getBytes(StandardCharsets.ISO_8859_1));
    return RawHttp.sendAll(api.server().port(), out.toByteArray());
  }

  private static List<Answer> refusedThenHealth(String path, String headers, int bodyBytes) {
    return refusedThenHealth(path, headers, new byte[bodyBytes]);
  }

  /** A multipart body of one file part of {@code fileBytes} zeros, ended or cut short. */
  private static byte[] multipart(int fileBytes, boolean ended) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String part =
        "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n"
            + "Content-Type: application/pdf\r\n\r\n";
    out.writeBytes(part.getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(new byte[fileBytes]);
    if (ended) {
      out.writeBytes("\r\n--b--\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }
    return out.toByteArray();
  }

  private static void assertRefusedThenServed(List<Answer> answers, int status, String field) {
    assertThat(answers).as("both answers on one connection").hasSize(2);
    Answer refused = answers.get(0);
    assertThat(refused.status()).as(refused.body()).isEqualTo(status);
    assertThat(refused.json().get("field").asText()).isEqualTo(field);
    assertThat(refused.header("Connection")).isNull();
    assertThat(answers.get(1).status()).isEqualTo(200);
  }

  @Test
  void anUploadWithAWrongOrMissingTokenIsAnsweredAfterItsBodyIsRead() {
    String wrong = "Authorization: Bearer not-the-token\r\nContent-Type: " + MULTIPART + "\r\n";
    String missing = "Content-Type: " + MULTIPART + "\r\n";

    assertRefusedThenServed(
        refusedThenHealth("/api/v1/documents", wrong, 8 * ONE_MIB), 401, "Authorization");
    assertRefusedThenServed(
        refusedThenHealth("/api/v1/documents", missing, ONE_MIB), 401, "Authorization");
    assertThat(api.ready("ocr")).isEmpty();
  }

  @Test
  void otherEarlyRefusalsOfABodyAreAnsweredAfterItIsReadToo() {
    String token = "Authorization: Bearer " + TOKEN + "\r\n";

    assertRefusedThenServed(
        refusedThenHealth(
            "/api/v1/documents", token + "Content-Type: " + MULTIPART + "\r\n", 2 * ONE_MIB),
        413,
        "COORDINATOR_MAX_UPLOAD_BYTES");
    assertRefusedThenServed(
        refusedThenHealth("/api/v1/documents", token + "Content-Type: text/plain\r\n", ONE_MIB),
        415,
        "Content-Type");
    assertRefusedThenServed(
        refusedThenHealth(
            "/api/v1/tasks/noop", token + "Content-Type: application/json\r\n", ONE_MIB),
        413,
        JsonBodies.LIMIT_RULE);
    assertRefusedThenServed(
        refusedThenHealth("/api/v1/nowhere", token + "Content-Type: text/plain\r\n", ONE_MIB),
        404,
        "path");
  }

  @Test
  void aFileOverTheLimitInABodyWithinItIsReadThroughAndRefused() {
    String token = "Authorization: Bearer " + TOKEN + "\r\nContent-Type: " + MULTIPART + "\r\n";

    // COORDINATOR_MAX_UPLOAD_BYTES is 100000 here: the body fits the room left for framing
    assertRefusedThenServed(
        refusedThenHealth("/api/v1/documents", token, multipart(100_001, true)),
        413,
        "COORDINATOR_MAX_UPLOAD_BYTES");
    assertThat(api.ready("ocr")).isEmpty();
  }

  @Test
  void aMultipartBodyTheParserGaveUpOnClosesTheConnectionAndSaysSo() {
    String token = "Authorization: Bearer " + TOKEN + "\r\nContent-Type: " + MULTIPART + "\r\n";

    List<Answer> answers = refusedThenHealth("/api/v1/documents", token, multipart(1000, false));

    assertThat(answers).hasSize(1);
    assertThat(answers.get(0).status()).isEqualTo(400);
    assertThat(answers.get(0).header("Connection")).isEqualToIgnoringCase("close");
  }

  @Test
  void aBodyDeclaredLargerThanTheCapIsNotReadAndTheConnectionCloses() {
    String wrong = "Authorization: Bearer not-the-token\r\nContent-Type: " + MULTIPART + "\r\n";
    String head =
        "POST /api/v1/documents HTTP/1.1\r\nHost: localhost\r\n"
            + wrong
            + "Content-Length: "
            + (Drain.CAP + 1)
            + "\r\n\r\n";

    // None of the body is sent: the answer comes all the same, and the connection ends with it.
    List<Answer> answers =
        RawHttp.sendAll(api.server().port(), head.getBytes(StandardCharsets.ISO_8859_1));

    assertThat(answers).hasSize(1);
    assertThat(answers.get(0).status()).isEqualTo(401);
    assertThat(answers.get(0).header("Connection")).isEqualToIgnoringCase("close");
  }
}
