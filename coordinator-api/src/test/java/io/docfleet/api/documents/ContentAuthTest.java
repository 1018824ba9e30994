package io.docfleet.api.documents;

import static io.docfleet.api.TestCoordinator.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.api.TestCoordinator;
import io.docfleet.api.TestCoordinator.Answer;
import io.docfleet.testing.TestDocuments;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * By default (reads open, {@code COORDINATOR_CONTENT_AUTH} unset) what a document says needs a
 * token; its status stays a read like the fleet's.
 */
class ContentAuthTest {
  @RegisterExtension static final TestCoordinator api = TestCoordinator.withEnv(Map.of());

  @BeforeAll
  static void aProcessedDocument() {
    api.context().store().documents().register(TestDocuments.aDocument("d1"));
    api.context()
        .store()
        .pages()
        .savePages("d1", TestDocuments.pages("the secret clause", "page two"));
  }

  @Test
  void anAnonymousResultReadIsRefusedWithA401InTheErrorFormat() {
    Answer answer = api.get("/api/v1/documents/d1/result");

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.header("Content-Type")).startsWith("application/json");
    assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(answer.json().get("field").asText()).isEqualTo("Authorization");
    assertThat(answer.text()).doesNotContain("secret clause");
  }

  @Test
  void withATokenTheResultIsServed() {
    Answer answer = api.request("GET", "/api/v1/documents/d1/result").token(TOKEN).send();

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("text").asText()).isEqualTo("the secret clause\n\npage two");
  }

  @Test
  void aWrongTokenIsRefusedAndNotRepeated() {
    Answer answer =
        api.request("GET", "/api/v1/documents/d1/result").token("guess-" + TOKEN).send();

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.text()).doesNotContain(TOKEN);
  }

  @Test
  void theDocumentsStatusStaysOpenLikeTheFleetsOtherReads() {
    Answer answer = api.get("/api/v1/documents/d1");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("status").asText()).isEqualTo("queued");
  }
}
