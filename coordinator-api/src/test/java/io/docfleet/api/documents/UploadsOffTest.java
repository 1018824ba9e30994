package io.docfleet.api.documents;

import static io.docfleet.api.TestCoordinator.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.api.TestCoordinator;
import io.docfleet.api.TestCoordinator.Answer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With neither an upload folder nor a bucket, an upload is refused and a source still works. */
class UploadsOffTest {
  @RegisterExtension
  static final TestCoordinator api = TestCoordinator.withEnv(Map.of("COORDINATOR_UPLOAD_DIR", ""));

  @Test
  void anUploadIsRefusedNamingTheVariablesThatTurnUploadsOn() {
    Answer answer =
        api.request("POST", "/api/v1/documents")
            .token(TOKEN)
            .upload("a.txt", "text/plain", new byte[] {1}, Map.of("documentId", "off-1"))
            .send();

    assertThat(answer.status()).as(answer.text()).isEqualTo(400);
    assertThat(answer.json().get("field").asText()).isEqualTo("file");
    assertThat(answer.json().get("error").asText())
        .contains("COORDINATOR_UPLOAD_DIR", "COORDINATOR_UPLOAD_BUCKET");
    assertThat(api.context().store().documents().find("off-1")).isEmpty();
  }

  @Test
  void aSourceIsStillAccepted() throws Exception {
    Path sample = Files.writeString(api.root().resolve("memo.txt"), "a memo");

    Answer answer = api.post("/api/v1/documents", "{\"source\":\"" + sample.toUri() + "\"}");

    assertThat(answer.status()).as(answer.text()).isEqualTo(202);
  }
}
