package io.docfleet.api.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.api.TestCoordinator;
import io.docfleet.api.TestCoordinator.Answer;
import io.docfleet.document.Stage;
import io.docfleet.store.DocumentRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /api/v1/tasks/{type}} queues no pipeline stage: documents enter through {@code POST
 * /api/v1/documents} (and run again through its reprocess route), which make the checks a stage
 * task would skip; nor a webhook, which only a document's end queues. Other task types go through
 * as before.
 */
class StageTasksRouteTest {
  @RegisterExtension static final TestCoordinator api = TestCoordinator.withEnv(Map.of());

  @BeforeEach
  void clean() {
    api.reset();
  }

  @Test
  void everyStageTypeIsRefusedPointingToTheDocumentsRoute() {
    String id =
        api.post("/api/v1/documents", "{\"source\":\"s3://inbox/original.pdf\"}")
            .json()
            .get("documentId")
            .asText();
    api.fleet().redis().getList(api.fleet().keys().ready("ocr")).delete(); // the submit's own task

    for (Stage stage : Stage.values()) {
      Answer answer =
          api.post(
              "/api/v1/tasks/" + stage.taskType(),
              "{\"id\":\"t-"
                  + stage.taskType()
                  + "\",\"documentId\":\""
                  + id
                  + "\",\"payload\":{\"documentId\":\""
                  + id
                  + "\",\"source\":\"s3://inbox/replaced.pdf\"}}");

      assertThat(answer.status()).as(answer.text()).isEqualTo(400);
      assertThat(answer.json().get("field").asText()).isEqualTo("type");
      assertThat(answer.json().get("error").asText())
          .contains("'" + stage.taskType() + "' is a pipeline stage")
          .contains("POST /api/v1/documents")
          .contains("/reprocess");
      assertThat(api.ready(stage.taskType())).isEmpty();
    }
    DocumentRecord record = api.context().store().documents().find(id).orElseThrow();
    assertThat(record.file().source()).isEqualTo("s3://inbox/original.pdf");
  }

  @Test
  void webhookTasksAreRefusedSinceTheFleetSignsWhatTheyCarry() {
    Answer answer =
        api.post(
            "/api/v1/tasks/webhook",
            "{\"id\":\"forged\",\"payload\":{\"url\":\"https://93.184.216.34/h\","
                + "\"event\":{\"eventId\":\"evt_forged\",\"type\":\"document.completed\"}}}");

    assertThat(answer.status()).as(answer.text()).isEqualTo(400);
    assertThat(answer.json().get("field").asText()).isEqualTo("type");
    assertThat(answer.json().get("error").asText()).contains("name a callbackUrl");
    assertThat(api.ready("webhook")).isEmpty();
  }

  @Test
  void otherTaskTypesStillQueue() {
    Answer noop = api.post("/api/v1/tasks/noop", "{\"id\":\"n1\",\"documentId\":\"d1\"}");
    Answer sleep = api.post("/api/v1/tasks/sleep", "[{\"id\":\"s1\",\"payload\":{\"ms\":1}}]");
    Answer custom = api.post("/api/v1/tasks/translate", "{\"id\":\"c1\"}");

    assertThat(List.of(noop.status(), sleep.status(), custom.status())).containsOnly(202);
    assertThat(api.ready("noop")).hasSize(1);
    assertThat(api.ready("sleep")).hasSize(1);
    assertThat(api.ready("translate")).hasSize(1);
  }
}
