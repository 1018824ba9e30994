package io.docfleet.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.config.Secret;
import io.docfleet.document.DocumentStatus;
import io.docfleet.document.Stage;
import io.docfleet.store.DocumentFile;
import io.docfleet.store.DocumentRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The signature a receiver verifies, and the event whose id stays the same for one final state. */
class WebhookSignatureTest {
  private static final Secret SECRET = new Secret("whsec-test");
  private static final Instant NOW = Instant.parse("2026-12-07T15:00:00Z");
  private static final byte[] BODY = "{\"eventId\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void theHeaderIsTheHmacOfTheTimestampAndBodyInHex() throws Exception {
    String header = WebhookSignature.header(SECRET, NOW, BODY);

    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec("whsec-test".getBytes(), "HmacSHA256"));
    String expected =
        java.util.HexFormat.of()
            .formatHex(
                mac.doFinal(("1796655600." + new String(BODY, StandardCharsets.UTF_8)).getBytes()));
    assertThat(header).isEqualTo("t=1796655600,v1=" + expected);
  }

  @Test
  void aReceiverAcceptsItWithinTheWindowAndRefusesTamperingReplayAndOtherSecrets() {
    String header = WebhookSignature.header(SECRET, NOW, BODY);
    Duration window = WebhookSignature.DEFAULT_TOLERANCE;

    assertThat(WebhookSignature.verify(header, BODY, SECRET, NOW.plusSeconds(299), window))
        .isTrue();
    assertThat(WebhookSignature.verify(header, BODY, SECRET, NOW.plusSeconds(301), window))
        .isFalse();
    assertThat(
            WebhookSignature.verify(
                header, "{\"eventId\":\"evt_2\"}".getBytes(), SECRET, NOW, window))
        .isFalse();
    assertThat(WebhookSignature.verify(header, BODY, new Secret("other"), NOW, window)).isFalse();
    assertThat(WebhookSignature.verify(null, BODY, SECRET, NOW, window)).isFalse();
    assertThat(WebhookSignature.verify("t=x,v1=00", BODY, SECRET, NOW, window)).isFalse();
  }

  @Test
  void oneFinalStateMakesOneEventIdAndAReprocessedEndAnother() {
    DocumentRecord completed = aRecord(DocumentStatus.COMPLETED, NOW);
    ObjectNode event =
        WebhookEvents.of(
            new ObjectMapper(),
            completed,
            Map.of("ocr_status", "done", "ocr_timestamp", Long.toString(NOW.toEpochMilli())));

    assertThat(event.get("eventId").asText())
        .isEqualTo(WebhookEvents.eventId(completed))
        .matches("evt_[0-9a-f]{32}");
    assertThat(event.get("type").asText()).isEqualTo("document.completed");
    assertThat(event.get("stages").toString())
        .isEqualTo("{\"ocr\":{\"status\":\"done\",\"at\":\"2026-12-07T15:00:00Z\"}}");
    assertThat(event.get("links").get("result").asText())
        .isEqualTo("/api/v1/documents/doc-1/result");
    assertThat(event.get("occurredAt").asText()).isEqualTo("2026-12-07T15:00:00Z");
    assertThat(WebhookEvents.eventId(aRecord(DocumentStatus.COMPLETED, NOW.plusSeconds(60))))
        .isNotEqualTo(WebhookEvents.eventId(completed));
    assertThat(WebhookEvents.eventId(aRecord(DocumentStatus.FAILED, NOW)))
        .isNotEqualTo(WebhookEvents.eventId(completed));
    assertThat(WebhookTasks.of("https://example.com/h", event).idempotencyKey())
        .isEqualTo("webhook:" + event.get("eventId").asText());
  }

  private static DocumentRecord aRecord(DocumentStatus status, Instant at) {
    return new DocumentRecord(
        new DocumentFile("doc-1", "file:///x", "x.txt", "text/plain", 1, "0".repeat(64)),
        status,
        Stage.STRUCTURED,
        status == DocumentStatus.FAILED ? Optional.of("broken") : Optional.empty(),
        1,
        at.minusSeconds(10),
        at,
        status == DocumentStatus.COMPLETED ? Optional.of(at) : Optional.empty());
  }
}
