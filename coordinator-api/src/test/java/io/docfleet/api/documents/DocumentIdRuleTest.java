package io.docfleet.api.documents;

import static io.docfleet.api.TestCoordinator.TOKEN;
import static io.docfleet.api.documents.DocumentsApiTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.api.TestCoordinator;
import io.docfleet.api.TestCoordinator.Answer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Document ids that are path segment tricks ({@code .}, {@code ..}) are refused by every route that
 * reads one, and an upload never lands outside the upload folder.
 */
class DocumentIdRuleTest {
  @RegisterExtension static final TestCoordinator api = TestCoordinator.withEnv(Map.of());

  @BeforeEach
  void clean() {
    api.reset();
  }

  @Test
  void anUploadNamedDotDotIsRefusedAndOverwritesNothingBesideTheUploadFolder() throws Exception {
    Path besideUploads = api.root().resolve("notes.txt");
    Files.writeString(besideUploads, "the operator's notes");

    Answer answer =
        api.request("POST", "/api/v1/documents")
            .token(TOKEN)
            .upload(
                "notes.txt",
                "text/plain",
                "overwritten".getBytes(StandardCharsets.UTF_8),
                Map.of("documentId", ".."))
            .send();

    assertRefused(answer, 400, "documentId");
    assertThat(answer.json().get("error").asText()).contains("'..'");
    assertThat(Files.readString(besideUploads)).isEqualTo("the operator's notes");
    assertThat(api.ready("ocr")).isEmpty();
  }

  @Test
  void dotAndDotDotAreRefusedAsDocumentIdsWhereverOneIsGiven() {
    for (String id : List.of(".", "..", "...")) {
      assertRefused(
          api.post(
              "/api/v1/documents",
              "{\"source\":\"s3://inbox/a.pdf\",\"documentId\":\"" + id + "\"}"),
          400,
          "documentId");
      assertRefused(
          api.request("POST", "/api/v1/documents")
              .token(TOKEN)
              .upload("a.txt", "text/plain", new byte[] {1}, Map.of("documentId", id))
              .send(),
          400,
          "documentId");
      assertRefused(
          api.post("/api/v1/cache/invalidate", "{\"documentId\":\"" + id + "\"}"),
          400,
          "documentId");
      assertRefused(
          api.post("/api/v1/cache/warm", "{\"documentIds\":[\"d1\",\"" + id + "\"]}"),
          400,
          "documentIds");
      assertRefused(
          api.post("/api/v1/tasks/noop", "{\"id\":\"t1\",\"documentId\":\"" + id + "\"}"),
          400,
          "documentId");
      assertRefused(
          api.post(
              "/api/v1/tasks/noop",
              "[{\"id\":\"t1\",\"payload\":{\"documentId\":\"" + id + "\"}}]"),
          400,
          "[0].payload.documentId");
    }
    assertRefused(api.get("/api/v1/documents/..."), 400, "id");
    assertRefused(
        api.request("GET", "/api/v1/documents/%2E%2E%2E/result").token(TOKEN).send(), 400, "id");
    assertRefused(api.delete("/api/v1/documents/.../cache"), 400, "id");
    assertThat(api.ready("ocr")).isEmpty();
    assertThat(api.ready("noop")).isEmpty();
    assertThat(api.context().store().documents().find("..")).isEmpty();
  }

  @Test
  void ordinaryIdsWithDotsStillWork() {
    Answer answer =
        api.post(
            "/api/v1/documents",
            "{\"source\":\"s3://inbox/a.pdf\",\"documentId\":\"case.2024-01_a\"}");

    assertThat(answer.status()).as(answer.text()).isEqualTo(202);
    assertThat(api.get("/api/v1/documents/case.2024-01_a").status()).isEqualTo(200);
    assertThat(api.post("/api/v1/tasks/noop", "{\"id\":\"t1\",\"documentId\":\"..a\"}").status())
        .isEqualTo(202);
  }
}
