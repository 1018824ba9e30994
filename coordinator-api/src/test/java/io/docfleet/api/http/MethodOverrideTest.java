package io.docfleet.api.http;

import static io.docfleet.api.TestCoordinator.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.api.RawHttp;
import io.docfleet.api.TestCoordinator;
import io.docfleet.api.TestCoordinator.Answer;
import io.docfleet.queue.QueuePauses;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code X-HTTP-Method-Override} changes nothing: the method is the request line's, so a GET (which
 * a link, an image or a prefetch can make a browser send) never runs a write route.
 */
class MethodOverrideTest {
  @RegisterExtension static final TestCoordinator api = TestCoordinator.withEnv(Map.of());

  @BeforeEach
  void empty() {
    api.reset();
  }

  @Test
  void aGetAskingToBeAPostDoesNotPauseAQueue() {
    Answer answer =
        api.request("GET", "/api/v1/queues/ocr/pause")
            .token(TOKEN)
            .header("X-HTTP-Method-Override", "POST")
            .send();

    assertThat(answer.status()).as(answer.text()).isEqualTo(405);
    assertThat(answer.header("Content-Type")).startsWith("application/json");
    assertThat(answer.json().get("field").asText()).isEqualTo("method");
    assertThat(new QueuePauses(api.fleet()).isPaused("ocr")).isFalse();
  }

  @Test
  void aGetAskingToBeAPostQueuesNoTaskEvenOverARawSocket() {
    RawHttp.Answer answer =
        RawHttp.send(
            api.server().port(),
            "GET /api/v1/tasks/noop HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Authorization: Bearer "
                + TOKEN
                + "\r\nX-HTTP-Method-Override: POST\r\nContent-Type: application/json\r\n"
                + "Content-Length: 10\r\n\r\n{\"id\":\"a\"}");

    assertThat(answer.status()).as(answer.body()).isEqualTo(405);
    assertThat(answer.json().get("field").asText()).isEqualTo("method");
    assertThat(api.fleet().redis().getList(api.fleet().keys().ready("noop")).size()).isZero();
  }

  @Test
  void aGetAskingToBeADeleteStillOnlyReads() throws Exception {
    api.fleet()
        .redis()
        .<String>getList(api.fleet().keys().dead("noop"))
        .add("{\"id\":\"d1\",\"error\":\"boom\"}");

    Answer answer =
        api.request("GET", "/api/v1/queues/noop/dead")
            .token(TOKEN)
            .header("X-HTTP-Method-Override", "DELETE")
            .send();

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("total").asInt()).isEqualTo(1);
    assertThat(api.fleet().redis().getList(api.fleet().keys().dead("noop")).size()).isEqualTo(1);
  }
}
