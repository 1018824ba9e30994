package io.docfleet.api.http;

import static io.docfleet.api.TestCoordinator.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docfleet.api.RawHttp;
import io.docfleet.api.TestCoordinator;
import io.docfleet.api.TestCoordinator.Answer;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every client error is a JSON 4xx in the API's shape: a control character in a text field is a 400
 * naming the field (never PostgreSQL's 500), and a request Jetty itself refuses (a bad request
 * line, a URI or headers past its limits, a malformed path) is JSON too, sent here over a raw
 * socket since no HTTP client sends such requests.
 */
class ClientErrorsTest {
  @RegisterExtension static final TestCoordinator api = TestCoordinator.withEnv(Map.of());

  private String source;

  @BeforeEach
  void aFileUnderTheRoot() throws Exception {
    api.reset();
    Files.writeString(api.root().resolve("contract.txt"), "Acme and Globex.");
    source = api.root().resolve("contract.txt").toUri().toString();
  }

  private static void assertRefused(Answer answer, int status, String field) {
    assertThat(answer.status()).as(answer.text()).isEqualTo(status);
    assertThat(answer.header("Content-Type")).startsWith("application/json");
    assertThat(answer.json().get("field").asText()).as(answer.text()).isEqualTo(field);
    assertThat(answer.json().get("error").asText()).isNotBlank();
  }

  private static long documents() {
    return api.db().count("documents");
  }

  @Test
  void aNulInADocumentsNameMediaTypeOrSourceIsA400AndRegistersNothing() {
    Answer name =
        api.post(
            "/api/v1/documents", "{\"source\":\"" + source + "\",\"name\":\"con\\u0000tract\"}");
    Answer mediaType =
        api.post(
            "/api/v1/documents",
            "{\"source\":\"" + source + "\",\"mediaType\":\"text/plain\\u0000\"}");
    Answer sourceWithNul = api.post("/api/v1/documents", "{\"source\":\"" + source + "\\u0000\"}");

    assertRefused(name, 400, "name");
    assertThat(name.json().get("error").asText()).contains("control characters").contains("U+0000");
    assertRefused(mediaType, 400, "mediaType");
    assertRefused(sourceWithNul, 400, "source");
    assertThat(documents()).isZero();
    assertThat(api.ready("ocr")).isEmpty();
  }

  @Test
  void otherControlCharactersInANameAreRefusedToo() {
    assertRefused(
        api.post("/api/v1/documents", "{\"source\":\"" + source + "\",\"name\":\"a\\u001b[31m\"}"),
        400,
        "name");
    assertRefused(
        api.post("/api/v1/documents", "{\"source\":\"" + source + "\",\"name\":\"a\\nb\"}"),
        400,
        "name");
    assertThat(documents()).isZero();
  }

  @Test
  void aNulInAnUploadsMediaTypeIsA400() {
    Answer answer =
        api.request("POST", "/api/v1/documents")
            .token(TOKEN)
            .upload("a.txt", "text/plain", "hi".getBytes(), Map.of("mediaType", "text/\u0000plain"))
            .send();

    assertRefused(answer, 400, "mediaType");
    assertThat(documents()).isZero();
  }

  @Test
  void aNulInACacheWarmIdIsA400NamingTheEntry() {
    Answer answer = api.post("/api/v1/cache/warm", "{\"documentIds\":[\"d1\",\"d\\u0000 2\"]}");

    assertRefused(answer, 400, "documentIds[1]");
  }

  @Test
  void controlCharactersInOtherFieldsThatReachRedisOrPostgresAreRefused() {
    assertRefused(
        api.post("/api/v1/cache/invalidate", "{\"documentId\":\"d\\u0000\"}"), 400, "documentId");
    assertRefused(
        api.post("/api/v1/cache/invalidate", "{\"pattern\":\"cache:ocr:\\u0000*\"}"),
        400,
        "pattern");
    assertRefused(
        api.post("/api/v1/queues/noop/dead/retry", "{\"ids\":[\"t\\u0000\"]}"), 400, "ids[0]");
    assertRefused(api.post("/api/v1/tasks/noop", "{\"id\":\"t\\u0000\"}"), 400, "id");
    assertRefused(
        api.post(
            "/api/v1/tasks/noop", "[{\"id\":\"t1\"},{\"id\":\"t2\",\"documentId\":\"d\\u0000\"}]"),
        400,
        "[1].documentId");
    assertRefused(
        api.post("/api/v1/tasks/noop", "{\"id\":\"t3\",\"idempotencyKey\":\"k\\u0007\"}"),
        400,
        "idempotencyKey");
    assertThat(api.ready("noop")).isEmpty();
  }

  private static RawHttp.Answer raw(String request) {
    return RawHttp.send(api.server().port(), request);
  }

  private static void assertJsonError(RawHttp.Answer answer, int status, String field) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(answer.header("Content-Type")).as(answer.body()).startsWith("application/json");
    JsonNode body = answer.json();
    assertThat(body.get("field").asText()).as(answer.body()).isEqualTo(field);
    assertThat(body.get("error").asText()).isNotBlank().doesNotContain("<");
  }

  @Test
  void requestsTheHttpServerRefusesBeforeAnyRouteAreAnsweredInJson() {
    String close = "Host: localhost\r\nConnection: close\r\n";
    assertJsonError(raw("GARBAGE\r\n\r\n"), 400, "request");
    assertJsonError(
        raw("GET /api/v1/queues HTTP/1.1\r\nConnection: close\r\n\r\n"), 400, "request");
    assertJsonError(
        raw("GET /api/v1/documents/a%00b HTTP/1.1\r\n" + close + "\r\n"), 400, "request");
    assertJsonError(raw("GET /api/v1/documents/%zz HTTP/1.1\r\n" + close + "\r\n"), 400, "request");
    assertJsonError(raw("GET /health HTTP/1.1\r\n" + close + "X-A: a\0b\r\n\r\n"), 400, "request");
    assertJsonError(
        raw("POST /api/v1/tasks/noop HTTP/1.1\r\n" + close + "Content-Length: lots\r\n\r\n"),
        400,
        "request");
    assertJsonError(
        raw("GET /" + "a".repeat(20_000) + " HTTP/1.1\r\n" + close + "\r\n"), 414, "uri");
    assertJsonError(
        raw("GET /health HTTP/1.1\r\n" + close + "X-Big: " + "b".repeat(20_000) + "\r\n\r\n"),
        431,
        "headers");
  }

  @Test
  void unknownPathsMethodsAndVersionsAreAnsweredInJson() {
    String close = "Host: localhost\r\nConnection: close\r\n";
    assertJsonError(raw("GET /nothing/here HTTP/1.1\r\n" + close + "\r\n"), 404, "path");
    assertJsonError(raw("PUT /api/v1/queues HTTP/1.1\r\n" + close + "\r\n"), 405, "method");
    assertJsonError(raw("BREW /api/v1/queues HTTP/1.1\r\n" + close + "\r\n"), 405, "method");
    RawHttp.Answer version = raw("GET /health HTTP/7.0\r\n" + close + "\r\n");
    assertThat(version.status()).isEqualTo(505);
    assertThat(version.header("Content-Type")).startsWith("application/json");
    assertThat(version.json().get("field").asText()).isEqualTo("version");
  }

  @Test
  void aWrongMethodNamesTheMethodsThePathTakes() {
    Answer answer = api.request("PUT", "/api/v1/queues/noop/pause").token(TOKEN).send();

    assertRefused(answer, 405, "method");
    assertThat(answer.json().get("error").asText()).contains("PUT").contains("POST");
    assertThat(answer.header("Allow")).contains("POST");
  }
}
