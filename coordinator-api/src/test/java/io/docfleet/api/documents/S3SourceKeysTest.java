package io.docfleet.api.documents;

import static io.docfleet.api.documents.DocumentsApiTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.docfleet.api.TestCoordinator;
import io.docfleet.api.TestCoordinator.Answer;
import io.docfleet.config.Env;
import io.docfleet.source.DocumentSources;
import io.docfleet.source.SourceDocument;
import io.docfleet.source.SourceSettings;
import io.docfleet.task.Task;
import io.docfleet.testing.InJvmS3;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An {@code s3://bucket/key} source names its key literally, as the AWS CLI reads it: whatever
 * characters S3 allows, the key submitted is the key stored, queued and read by a worker; nothing
 * is percent-decoded on the way. A source that names no valid bucket and key is a 400.
 */
class S3SourceKeysTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension static final InJvmS3 s3 = InJvmS3.withTestCredentials();

  @RegisterExtension
  static final TestCoordinator api =
      TestCoordinator.withEnv(Map.of("AWS_ENDPOINT_URL_S3", s3.endpoint().toString()));

  @BeforeEach
  void clean() {
    api.reset();
  }

  /** The sources a worker reads, configured as a worker is. */
  private static DocumentSources workerSources() {
    return DocumentSources.from(
        SourceSettings.fromEnv(new Env(Map.of("AWS_ENDPOINT_URL_S3", s3.endpoint().toString()))));
  }

  private Answer submit(String source) throws IOException {
    return api.post("/api/v1/documents", JSON.writeValueAsString(Map.of("source", source)));
  }

  private Task decode(String item) {
    try {
      return api.fleet().codec().decode(item);
    } catch (io.docfleet.task.MalformedTaskException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void everyKeyRoundTripsFromSubmitToTheObjectAWorkerReads() throws Exception {
    List<String> keys =
        List.of(
            "with space.pdf",
            "a#b.pdf",
            "what?.pdf",
            "100%.pdf",
            "a+b.pdf",
            "Akten/Müller – 日本 €.pdf",
            "a%23b.pdf",
            "a%3Fb.pdf",
            "a%20b.pdf",
            "a%0Ab.pdf",
            "a%2Fb.pdf",
            "a%2541.pdf",
            "%E2%82%AC.pdf",
            "folder//double.pdf",
            "trailing space ");
    DocumentSources worker = workerSources();
    for (int i = 0; i < keys.size(); i++) {
      String key = keys.get(i);
      String source = "s3://inbox/" + key;
      s3.put("inbox", key, ("object " + i).getBytes(StandardCharsets.UTF_8));

      Answer answer = submit(source);

      assertThat(answer.status()).as(key + ": " + answer.text()).isEqualTo(202);
      String id = answer.json().get("documentId").asText();
      String stored = api.context().store().documents().find(id).orElseThrow().file().source();
      assertThat(stored).as(key).isEqualTo(source);
      assertThat(api.get("/api/v1/documents/" + id).json().get("source").asText())
          .isEqualTo(source);
      Task task =
          api.fleet().redis().<String>getList(api.fleet().keys().ready("ocr")).readAll().stream()
              .map(this::decode)
              .filter(t -> id.equals(t.documentId()))
              .findFirst()
              .orElseThrow();
      assertThat(task.payload().get("source").asText()).as(key).isEqualTo(source);
      SourceDocument read = worker.read(task.payload().get("source").asText());
      assertThat(new String(read.bytes(), StandardCharsets.UTF_8)).as(key).isEqualTo("object " + i);
    }
  }

  @Test
  void aSourceNamingNoValidBucketAndKeyIsA400() throws Exception {
    for (String source :
        List.of(
            "s3://inbox/a\nb.pdf",
            "s3://inbox/a\rb.pdf",
            "s3://inbox/nul\u0000.pdf",
            "s3://inbox/",
            "s3://inbox",
            "s3://",
            "s3:///a.pdf",
            "s3://in box/a.pdf",
            "s3://in%62ox/a.pdf",
            "s3://inbox/" + "k".repeat(1025))) {
      Answer answer = submit(source);
      assertRefused(answer, 400, "source");
    }
    // a lone surrogate, sent as a JSON escape (a string could not carry it to the wire)
    assertRefused(
        api.post("/api/v1/documents", "{\"source\":\"s3://inbox/half\\ud800.pdf\"}"),
        400,
        "source");
    assertThat(api.fleet().redis().getList(api.fleet().keys().ready("ocr")).size()).isZero();
  }
}
