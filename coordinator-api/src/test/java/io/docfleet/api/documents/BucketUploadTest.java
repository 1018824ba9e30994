package io.docfleet.api.documents;

import static io.docfleet.api.TestCoordinator.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.api.TestCoordinator;
import io.docfleet.api.TestCoordinator.Answer;
import io.docfleet.store.DocumentRecord;
import io.docfleet.testing.InJvmS3;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With {@code COORDINATOR_UPLOAD_BUCKET}, uploads go to S3 and the task names the object. */
class BucketUploadTest {
  @RegisterExtension static final InJvmS3 s3 = InJvmS3.withTestCredentials();

  @RegisterExtension
  static final TestCoordinator api =
      TestCoordinator.withEnv(
          Map.of(
              "COORDINATOR_UPLOAD_DIR", "",
              "COORDINATOR_UPLOAD_BUCKET", "inbox",
              "AWS_ENDPOINT_URL_S3", s3.endpoint().toString()));

  @Test
  void anUploadIsPutInTheBucketUnderItsDocument() {
    byte[] content = "a letter for the bucket".getBytes(StandardCharsets.UTF_8);

    Answer answer =
        api.request("POST", "/api/v1/documents")
            .token(TOKEN)
            .upload("letter.txt", "text/plain", content, Map.of("documentId", "case-7"))
            .send();

    assertThat(answer.status()).as(answer.text()).isEqualTo(202);
    DocumentRecord record = api.context().store().documents().find("case-7").orElseThrow();
    assertThat(record.file().source()).isEqualTo("s3://inbox/uploads/case-7/letter.txt");
    assertThat(s3.object("inbox", "uploads/case-7/letter.txt")).isEqualTo(content);
  }
}
