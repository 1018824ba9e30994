package io.docfleet.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docfleet.config.ConfigException;
import io.docfleet.config.Env;
import io.docfleet.document.ContentHash;
import io.docfleet.testing.InJvmS3;
import io.docfleet.testing.SlowTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SlowTest
class DocumentSourcesTest {
  @TempDir Path dir;
  private Path root;
  private InJvmS3 s3;
  private DocumentSources sources;

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createDirectories(dir.resolve("inbox"));
    Files.writeString(root.resolve("contract.txt"), "This Agreement is made on May 1, 2024.");
    Files.writeString(dir.resolve("secret.txt"), "outside the root");
    s3 = InJvmS3.withTestCredentials();
    s3.put("in", "filings/complaint.pdf", "%PDF-1.7 fake".getBytes(StandardCharsets.UTF_8));
    SourceSettings settings =
        SourceSettings.fromEnv(
            new Env(
                Map.of(
                    "DOCFLEET_FILE_ROOTS",
                    root.toString(),
                    "DOCFLEET_MAX_DOCUMENT_BYTES",
                    "64",
                    "AWS_REGION",
                    "eu-west-1",
                    "AWS_ENDPOINT_URL_S3",
                    s3.endpoint().toString())));
    sources = DocumentSources.from(settings);
  }

  @AfterEach
  void tearDown() {
    s3.close();
  }

  private void assertRefused(String uri, String reason, boolean retryable) {
    assertThatThrownBy(() -> sources.read(uri))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining(reason)
        .satisfies(e -> assertThat(((SourceException) e).retryable()).isEqualTo(retryable));
  }

  @Test
  void readsAFileUnderARootWithItsHash() throws Exception {
    SourceDocument doc = sources.read(root.resolve("contract.txt").toUri().toString());
    assertThat(doc.name()).isEqualTo("contract.txt");
    assertThat(new String(doc.bytes(), StandardCharsets.UTF_8)).startsWith("This Agreement");
    assertThat(doc.sha256()).isEqualTo(ContentHash.sha256(doc.bytes()));
    assertThat(doc.size()).isEqualTo(38);
  }

  @Test
  void refusesFilesOutsideTheRootsHoweverTheyAreNamed() throws Exception {
    assertRefused(dir.resolve("secret.txt").toUri().toString(), "outside the allowed roots", false);
    assertRefused("file://" + root + "/../secret.txt", "outside the allowed roots", false);
    Path link = root.resolve("link.txt");
    Files.createSymbolicLink(link, dir.resolve("secret.txt"));
    assertRefused(link.toUri().toString(), "outside the allowed roots", false);
    assertRefused("file:///etc/passwd", "outside the allowed roots", false);
  }

  @Test
  void saysWhatIsWrongWithAFile() throws Exception {
    assertRefused(root.resolve("missing.pdf").toUri().toString(), "no such file", false);
    assertRefused(root.toUri().toString(), "not a regular file", false);
    Files.write(root.resolve("big.bin"), new byte[65]);
    assertRefused(
        root.resolve("big.bin").toUri().toString(),
        "DOCFLEET_MAX_DOCUMENT_BYTES (64 bytes)",
        false);
  }

  @Test
  void withoutRootsNoFileIsRead() throws Exception {
    DocumentSources none = new DocumentSources(List.of(new FileSource(List.of())), 100);
    assertThatThrownBy(() -> none.read(root.resolve("contract.txt").toUri().toString()))
        .hasMessageContaining("file:// sources are disabled");
  }

  @Test
  void readsAnS3ObjectThroughTheSdk() throws Exception {
    SourceDocument doc = sources.read("s3://in/filings/complaint.pdf");
    assertThat(doc.name()).isEqualTo("complaint.pdf");
    assertThat(new String(doc.bytes(), StandardCharsets.UTF_8)).isEqualTo("%PDF-1.7 fake");
    assertThat(s3.gets()).isEqualTo(1);
  }

  @Test
  void saysWhatIsWrongWithAnS3Object() {
    assertRefused(
        "s3://in/filings/missing.pdf", "no such object: s3://in/filings/missing.pdf", false);
    s3.put("in", "huge.pdf", new byte[65]);
    assertRefused("s3://in/huge.pdf", "DOCFLEET_MAX_DOCUMENT_BYTES", false);
    assertRefused("s3://in", "not an s3://bucket/key source", false);
  }

  @Test
  void anS3ThatFailsForAWhileIsRetryable() {
    s3.failNext(10, 503);
    assertRefused("s3://in/filings/complaint.pdf", "S3 answered 503", true);
  }

  @Test
  void refusesUnknownSchemesAndBadUris() {
    assertRefused("ftp://host/file.pdf", "unsupported source", false);
    assertRefused("not a uri at all", "not a valid source URI", false);
    assertRefused(" ", "names no source", false);
  }

  @Test
  void aBadEndpointNamesTheVariable() {
    assertThatThrownBy(
            () -> SourceSettings.fromEnv(new Env(Map.of("AWS_ENDPOINT_URL_S3", "nohost"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("AWS_ENDPOINT_URL_S3");
  }
}
