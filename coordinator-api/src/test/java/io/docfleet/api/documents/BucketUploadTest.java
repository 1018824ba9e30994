package io.docfleet.api.documents;

import static io.docfleet.api.TestCoordinator.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.api.TestCoordinator;
import io.docfleet.api.TestCoordinator.Answer;
import io.docfleet.store.DocumentRecord;
import io.docfleet.testing.InJvmS3;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With {@code COORDINATOR_UPLOAD_BUCKET}, uploads go to S3 and the task names the object. */
class BucketUploadTest {
  static final InJvmS3 s3 = startS3();

  @RegisterExtension
  static final TestCoordinator api =
      TestCoordinator.withEnv(
          Map.of(
              "COORDINATOR_UPLOAD_DIR", "",
              "COORDINATOR_UPLOAD_BUCKET", "inbox",
              "AWS_ENDPOINT_URL_S3", s3.endpoint().toString()));

  private static InJvmS3 startS3() {
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
    try {
      return new InJvmS3();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stopS3() {
    s3.close();
  }

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
