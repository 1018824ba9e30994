package io.docfleet.api.documents;

import static io.docfleet.api.TestCoordinator.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.api.TestCoordinator;
import io.docfleet.api.TestCoordinator.Answer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A submit's {@code callbackUrl}, by JSON and by multipart: stored with the document when it may be
 * used; refused with a 400 that says why, storing and queuing nothing, when it names a private,
 * link-local or loopback address the allow list does not list, or is no http(s) URL.
 */
class CallbackUrlTest {
  private static final String SECRET = "whsec-never-shown";

  @RegisterExtension
  static final TestCoordinator api =
      TestCoordinator.withEnv(
          Map.of("WEBHOOK_SECRET", SECRET, "WEBHOOK_ALLOWED_HOSTS", "192.168.7.7,hooks.internal"));

  private Path sample;

  @BeforeEach
  void aFileUnderTheRoot() throws Exception {
    api.reset();
    sample = api.root().resolve("contract.txt");
    Files.writeString(sample, "This agreement is made between Acme and Globex.");
  }

  private Answer submit(String callbackUrl) {
    return api.post(
        "/api/v1/documents",
        "{\"source\":\"" + sample.toUri() + "\",\"callbackUrl\":\"" + callbackUrl + "\"}");
  }

  private Answer upload(String callbackUrl) {
    return api.request("POST", "/api/v1/documents")
        .token(TOKEN)
        .upload(
            "a.txt",
            "text/plain",
            "Acme and Globex".getBytes(StandardCharsets.UTF_8),
            Map.of("callbackUrl", callbackUrl))
        .send();
  }

  @Test
  void aCallbackUrlIsStoredWithTheDocumentByJsonAndByUpload() {
    Answer bySource = submit("http://192.168.7.7:8443/hooks/docfleet?client=7");
    Answer byUpload = upload("https://93.184.216.34/hooks");

    assertThat(bySource.status()).as(bySource.text()).isEqualTo(202);
    assertThat(byUpload.status()).as(byUpload.text()).isEqualTo(202);
    assertThat(callbackOf(bySource)).isEqualTo("http://192.168.7.7:8443/hooks/docfleet?client=7");
    assertThat(callbackOf(byUpload)).isEqualTo("https://93.184.216.34/hooks");
    Answer plain = api.post("/api/v1/documents", "{\"source\":\"" + sample.toUri() + "\"}");
    assertThat(api.context().store().documents().callbackUrl(id(plain))).isEmpty();
  }

  @Test
  void refusedDestinationsAreA400SayingWhyAndNothingIsStored() {
    Map<String, String> refused =
        Map.of(
            "http://10.0.0.5/hook", "callbackUrl host 10.0.0.5 is a private address",
            "http://169.254.169.254/latest/meta-data/", "is a link-local address",
            "http://localhost:8080/", "a loopback address",
            "http://127.0.0.1/", "a loopback address",
            "http://[::1]/", "a loopback address",
            "ftp://93.184.216.34/x", "callbackUrl must be an http or https URL",
            "http://user:pw@93.184.216.34/", "must not carry credentials");
    refused.forEach(
        (url, reason) -> {
          for (Answer answer : new Answer[] {submit(url), upload(url)}) {
            assertThat(answer.status()).as(url + ": " + answer.text()).isEqualTo(400);
            assertThat(answer.json().get("field").asText()).isEqualTo("callbackUrl");
            assertThat(answer.json().get("error").asText()).contains(reason);
            assertThat(answer.text()).doesNotContain(SECRET);
          }
        });
    assertThat(api.ready("ocr")).isEmpty();
    assertThat(api.context().store().documentQueries().unfinished(10)).isEmpty();
  }

  @Test
  void aCallbackUrlThatIsNotAStringIsA400() {
    Answer answer =
        api.post(
            "/api/v1/documents",
            "{\"source\":\"" + sample.toUri() + "\",\"callbackUrl\":{\"url\":\"x\"}}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("field").asText()).isEqualTo("callbackUrl");
    assertThat(api.ready("ocr")).isEmpty();
  }

  private static String id(Answer answer) {
    return answer.json().get("documentId").asText();
  }

  private static String callbackOf(Answer answer) {
    return api.context().store().documents().callbackUrl(id(answer)).orElseThrow();
  }
}
