package io.docfleet.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class HookReceiverTest {

  private static int post(HookReceiver receiver, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(receiver.url()))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return HttpClient.newHttpClient()
        .send(request, HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  @Test
  void recordsEachDeliverysArrivalAndAnswerInOrderWithItsGroup() throws Exception {
    try (HookReceiver receiver = HookReceiver.start()) {
      assertThat(post(receiver, "{\"eventId\":\"e-1\",\"group\":\"a\"}")).isEqualTo(204);
      receiver.mark();
      assertThat(post(receiver, "{\"eventId\":\"e-2\",\"group\":\"b\"}")).isEqualTo(204);
      assertThat(receiver.answered()).isEqualTo(2);

      List<ReceiverEvent> events = receiver.takeEvents();

      assertThat(events)
          .extracting(ReceiverEvent::kind, ReceiverEvent::eventId, ReceiverEvent::group)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(ReceiverEvent.Kind.ARRIVED, "e-1", "a"),
              org.assertj.core.groups.Tuple.tuple(ReceiverEvent.Kind.ANSWERED, "e-1", "a"),
              org.assertj.core.groups.Tuple.tuple(ReceiverEvent.Kind.MARK, "", ""),
              org.assertj.core.groups.Tuple.tuple(ReceiverEvent.Kind.ARRIVED, "e-2", "b"),
              org.assertj.core.groups.Tuple.tuple(ReceiverEvent.Kind.ANSWERED, "e-2", "b"));
      assertThat(receiver.takeEvents()).isEmpty();
      assertThat(receiver.answered()).isZero();
    }
  }

  @Test
  void answersABodyThatIsNotJsonWith400AndRecordsNothing() throws Exception {
    try (HookReceiver receiver = HookReceiver.start()) {
      assertThat(post(receiver, "not json")).isEqualTo(400);

      assertThat(receiver.takeEvents()).isEmpty();
    }
  }
}
