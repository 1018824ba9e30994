package io.docfleet.api.documents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docfleet.api.TestCoordinator;
import io.docfleet.api.TestCoordinator.Answer;
import io.docfleet.document.Stage;
import io.docfleet.store.DocumentFile;
import io.docfleet.store.StatusChange;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /api/v1/documents} on the real PostgreSQL: newest first, by id prefix or name part
 * (wildcards and quotes taken literally), status, source and creation time, paged; each bad
 * parameter a 400 naming it. And the stage tasks {@code GET /api/v1/documents/{id}} names.
 */
class DocumentSearchTest {
  @RegisterExtension static final TestCoordinator api = TestCoordinator.withEnv(Map.of());
  private static final String SHA = "0".repeat(64);
  private Instant first;

  @BeforeEach
  void fiveDocumentsOneSecondApart() {
    api.reset();
    // a clock finer than PostgreSQL's microseconds, rounding up: the bounds must still hold
    api.clock().set(Instant.parse("2026-12-07T10:00:00.123456789Z"));
    first = api.clock().instant();
    register("inv-001", "Invoice March.pdf", "s3://inbox/inv-001.pdf");
    register("inv-002", "100% sure.pdf", "s3://inbox/inv-002.pdf");
    register("contract-a", "a_b.pdf", "s3://legal/a.pdf");
    register("contract-b", "ab.pdf", "s3://legal/b.pdf");
    register("letter", "O'Brien letter.pdf", "file:///tmp/letter.pdf");
    api.context()
        .store()
        .documents()
        .changeStatus("contract-a", StatusChange.processing(Stage.OCR, 1));
    api.context()
        .store()
        .documents()
        .changeStatus("contract-a", StatusChange.failed(Stage.OCR, "boom", 1));
  }

  private void register(String id, String name, String source) {
    api.context()
        .store()
        .documents()
        .registerNew(new DocumentFile(id, source, name, "application/pdf", 10, SHA));
    api.clock().advance(Duration.ofSeconds(1));
  }

  private static List<String> ids(JsonNode answer) {
    List<String> ids = new ArrayList<>();
    answer.get("entries").forEach(e -> ids.add(e.get("id").asText()));
    return ids;
  }

  private static JsonNode search(String query) {
    Answer answer = api.get("/api/v1/documents?" + query);
    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    return answer.json();
  }

  private static String q(String text) {
    return "q=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static void assertRefused(String query, String field) {
    Answer answer = api.get("/api/v1/documents?" + query);
    assertThat(answer.status()).as(query + ": " + answer.text()).isEqualTo(400);
    assertThat(answer.json().get("field").asText()).as(query).isEqualTo(field);
    assertThat(answer.json().get("error").asText()).contains(field);
  }

  @Test
  void everyDocumentNewestFirstWithItsFields() {
    JsonNode all = search("");
    assertThat(all.get("total").asLong()).isEqualTo(5);
    assertThat(all.get("offset").asInt()).isZero();
    assertThat(all.get("limit").asInt()).isEqualTo(50);
    assertThat(ids(all))
        .containsExactly("letter", "contract-b", "contract-a", "inv-002", "inv-001");
    JsonNode failed = all.get("entries").get(2);
    assertThat(failed.get("name").asText()).isEqualTo("a_b.pdf");
    assertThat(failed.get("status").asText()).isEqualTo("failed");
    assertThat(failed.get("stage").asText()).isEqualTo("ocr");
    assertThat(failed.get("source").asText()).isEqualTo("s3://legal/a.pdf");
    assertThat(failed.get("mediaType").asText()).isEqualTo("application/pdf");
    assertThat(failed.get("sizeBytes").asLong()).isEqualTo(10);
    assertThat(failed.get("attempts").asInt()).isEqualTo(1);
    assertThat(failed.get("error").asText()).isEqualTo("boom");
    assertThat(Instant.parse(failed.get("createdAt").asText()))
        .isEqualTo(first.plusSeconds(2).truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    assertThat(failed.get("updatedAt").asText()).isNotBlank();
    assertThat(failed.get("completedAt").isNull()).isTrue();
  }

  @Test
  void pagesEndCleanly() {
    assertThat(ids(search("limit=1"))).containsExactly("letter");
    assertThat(ids(search("offset=4&limit=1"))).containsExactly("inv-001");
    JsonNode past = search("offset=5");
    assertThat(past.get("entries")).isEmpty();
    assertThat(past.get("total").asLong()).isEqualTo(5);
    assertThat(search("offset=2000000000").get("entries")).isEmpty();
    assertThat(ids(search("offset=3&limit=10"))).containsExactly("inv-002", "inv-001");
  }

  @Test
  void textMatchesAnIdPrefixOrANamePartCaseInsensitively() {
    assertThat(ids(search(q("inv-")))).containsExactly("inv-002", "inv-001");
    assertThat(ids(search(q("march")))).containsExactly("inv-001");
    assertThat(ids(search(q("CONTRACT")))).containsExactly("contract-b", "contract-a");
    assertThat(ids(search(q("nvoice")))).containsExactly("inv-001");
    assertThat(ids(search(q("001")))).as("an id's middle is no prefix").isEmpty();
  }

  @Test
  void wildcardsAndQuotesInTheTextMatchLiterally() {
    assertThat(ids(search(q("%")))).containsExactly("inv-002");
    assertThat(ids(search(q("100%")))).containsExactly("inv-002");
    assertThat(ids(search(q("a_b")))).containsExactly("contract-a");
    assertThat(ids(search(q("_")))).containsExactly("contract-a");
    assertThat(ids(search(q("O'Brien")))).containsExactly("letter");
    assertThat(ids(search(q("' OR '1'='1")))).isEmpty();
    assertThat(ids(search(q("\\")))).isEmpty();
    assertThat(ids(search(q("x'); DROP TABLE documents; --")))).isEmpty();
    assertThat(search("").get("total").asLong()).as("the table is still there").isEqualTo(5);
  }

  @Test
  void statusSourceAndTimeNarrowTheSearch() {
    assertThat(ids(search("status=failed"))).containsExactly("contract-a");
    assertThat(ids(search("status=queued&" + q("contract")))).containsExactly("contract-b");
    assertThat(ids(search("source=" + URLEncoder.encode("s3://legal/", StandardCharsets.UTF_8))))
        .containsExactly("contract-b", "contract-a");
    String from = first.plusSeconds(1).toString();
    String to = first.plusSeconds(3).toString();
    assertThat(ids(search("from=" + from + "&to=" + to))).containsExactly("contract-a", "inv-002");
    assertThat(ids(search("from=" + first.plusSeconds(4)))).containsExactly("letter");
    assertThat(ids(search("to=" + first.plusMillis(500)))).containsExactly("inv-001");
  }

  @Test
  void badParametersAre400NamingThem() {
    assertRefused("status=done", "status");
    assertRefused("status=QUEUED", "status");
    assertRefused("from=yesterday", "from");
    assertRefused("from=2026-13-01T00:00:00Z", "from");
    assertRefused("to=2026-12-01", "to");
    assertRefused("from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", "to");
    assertRefused("from=2026-12-01T00:00:00Z&to=2026-12-01T00:00:00Z", "to");
    assertRefused("limit=0", "limit");
    assertRefused("limit=1001", "limit");
    assertRefused("offset=-1", "offset");
    assertRefused(q("x".repeat(201)), "q");
    assertRefused("q=a%00b", "q");
    assertRefused("source=" + "s".repeat(201), "source");
  }

  @Test
  void aSubmittedDocumentNamesItsOcrTask() throws Exception {
    Files.writeString(api.root().resolve("one.txt"), "hello");
    Answer submitted =
        api.post(
            "/api/v1/documents",
            "{\"documentId\":\"with-task\",\"source\":\"file://"
                + api.root().resolve("one.txt")
                + "\"}");
    assertThat(submitted.status()).as(submitted.text()).isEqualTo(202);
    String taskId = submitted.json().get("taskId").asText();

    JsonNode document = api.get("/api/v1/documents/with-task").json();

    assertThat(document.get("tasks")).hasSize(1);
    assertThat(document.at("/tasks/0/type").asText()).isEqualTo("ocr");
    assertThat(document.at("/tasks/0/id").asText()).isEqualTo(taskId);
    assertThat(api.get("/api/v1/tasks/ocr/" + taskId).json().get("location").asText())
        .isEqualTo("ready");
    assertThat(api.get("/api/v1/documents/inv-001").json().get("tasks")).isEmpty();
  }
}
