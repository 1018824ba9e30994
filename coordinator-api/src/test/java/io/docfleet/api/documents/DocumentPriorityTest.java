package io.docfleet.api.documents;

import static io.docfleet.api.TestCoordinator.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.api.TestCoordinator;
import io.docfleet.api.TestCoordinator.Answer;
import io.docfleet.task.Priority;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A document submit's {@code priority}, by JSON and by multipart: its {@code ocr} task waits in
 * that lane (the later stages inherit it from the task); absent, the normal lane; another value is
 * a 400 naming the field, and nothing is stored or queued.
 */
class DocumentPriorityTest {
  @RegisterExtension static final TestCoordinator api = TestCoordinator.withEnv(Map.of());

  private Path sample;

  @BeforeEach
  void aFileUnderTheRoot() throws Exception {
    api.reset();
    sample = api.root().resolve("filing.txt");
    Files.writeString(sample, "An urgent filing between Acme and Globex.");
  }

  private Answer submit(String priorityField) {
    return api.post(
        "/api/v1/documents", "{\"source\":\"" + sample.toUri() + "\"" + priorityField + "}");
  }

  private Answer upload(Map<String, String> fields) {
    return api.request("POST", "/api/v1/documents")
        .token(TOKEN)
        .upload("a.txt", "text/plain", "Acme and Globex".getBytes(StandardCharsets.UTF_8), fields)
        .send();
  }

  private List<String> ocrLane(Priority lane) {
    return api.fleet()
        .redis()
        .<String>getList(api.fleet().keys().runs().lane("ocr", lane))
        .readAll();
  }

  @Test
  void aPrioritySendsTheDocumentsOcrTaskToItsLaneByJsonAndByUpload() {
    Answer high = submit(",\"priority\":\"high\"");
    Answer low = upload(Map.of("priority", "low"));
    Answer plain = submit("");

    assertThat(List.of(high.status(), low.status(), plain.status())).containsOnly(202);
    assertThat(ocrLane(Priority.HIGH)).singleElement().asString().contains("\"priority\":\"high\"");
    assertThat(ocrLane(Priority.LOW)).singleElement().asString().contains("\"priority\":\"low\"");
    assertThat(ocrLane(Priority.NORMAL)).singleElement().asString().doesNotContain("priority");
  }

  @Test
  void anotherPriorityIsA400AndNothingIsQueued() {
    for (Answer answer :
        List.of(submit(",\"priority\":\"urgent\""), upload(Map.of("priority", "asap")))) {
      assertThat(answer.status()).as(answer.text()).isEqualTo(400);
      assertThat(answer.json().get("field").asText()).isEqualTo("priority");
      assertThat(answer.json().get("error").asText()).contains("high, normal or low");
    }
    for (Priority lane : Priority.values()) {
      assertThat(ocrLane(lane)).isEmpty();
    }
  }

  @Test
  void aReprocessMayNameItsLane() {
    Answer first = submit("");
    String id = first.json().get("documentId").asText();
    api.context()
        .store()
        .documents()
        .changeStatus(
            id, io.docfleet.store.StatusChange.failed(io.docfleet.document.Stage.OCR, "boom", 1));

    Answer bad = api.post("/api/v1/documents/" + id + "/reprocess", "{\"priority\":\"asap\"}");
    Answer again = api.post("/api/v1/documents/" + id + "/reprocess", "{\"priority\":\"high\"}");

    assertThat(bad.status()).as(bad.text()).isEqualTo(400);
    assertThat(bad.json().get("field").asText()).isEqualTo("priority");
    assertThat(again.status()).as(again.text()).isEqualTo(202);
    assertThat(ocrLane(Priority.HIGH))
        .singleElement()
        .asString()
        .contains(again.json().get("taskId").asText());
  }
}
