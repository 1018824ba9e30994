package io.docfleet.api.documents;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.api.TestCoordinator;
import io.docfleet.api.TestCoordinator.Answer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Without WEBHOOK_SECRET a submit that names a callbackUrl is refused: nothing would sign it. */
class CallbackWithoutSecretTest {
  @RegisterExtension static final TestCoordinator api = TestCoordinator.withEnv(Map.of());

  @Test
  void aSubmitWithACallbackUrlIsA400NamingTheMissingSecretAndStoresNothing() throws Exception {
    Path sample = Files.writeString(api.root().resolve("a.txt"), "Acme and Globex");

    Answer answer =
        api.post(
            "/api/v1/documents",
            "{\"source\":\"" + sample.toUri() + "\",\"callbackUrl\":\"https://93.184.216.34/h\"}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("field").asText()).isEqualTo("callbackUrl");
    assertThat(answer.json().get("error").asText())
        .contains("webhooks are off on this coordinator (WEBHOOK_SECRET is not set)");
    assertThat(api.ready("ocr")).isEmpty();
    assertThat(api.context().store().documentQueries().unfinished(10)).isEmpty();
  }
}
