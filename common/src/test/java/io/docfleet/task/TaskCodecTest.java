package io.docfleet.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TaskCodecTest {
  private final TaskCodec codec = new TaskCodec();

  @Test
  void readsTheMinimalFormAnIngesterPushes() throws Exception {
    Task task =
        codec.decode(
            "{\"id\": \"a1\", \"type\": \"ocr\", \"payload\": {\"source\": \"s3://b/k\"}}");
    assertThat(task.id()).isEqualTo("a1");
    assertThat(task.type()).isEqualTo("ocr");
    assertThat(task.payload().get("source").asText()).isEqualTo("s3://b/k");
    assertThat(task.version()).isEqualTo(1);
    assertThat(task.attempt()).isZero();
    assertThat(task.maxAttempts()).isZero();
    assertThat(task.attemptsAllowed(5)).isEqualTo(5);
    assertThat(task.enqueuedAt()).isNull();
  }

  @Test
  void readsTheFullForm() throws Exception {
    Task task =
        codec.decode(
            """
            {"v":1,"id":"t-9","type":"entities","payload":{},"documentId":"d-1","attempt":2,
             "maxAttempts":7,"enqueuedAt":1700000000000,"notBefore":"2026-01-01T00:00:00Z",
             "idempotencyKey":"k","traceId":"tr"}""");
    assertThat(task.documentId()).isEqualTo("d-1");
    assertThat(task.attempt()).isEqualTo(2);
    assertThat(task.attemptsAllowed(5)).isEqualTo(7);
    assertThat(task.enqueuedAt()).isEqualTo(Instant.ofEpochMilli(1700000000000L));
    assertThat(task.notBefore()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(task.idempotencyKey()).isEqualTo("k");
    assertThat(task.traceId()).isEqualTo("tr");
  }

  @Test
  void keepsUnknownFieldsThroughARoundTrip() throws Exception {
    String raw =
        "{\"id\":\"a1\",\"type\":\"ocr\",\"payload\":{\"x\":[]},\"tenant\":\"acme\","
            + "\"rank\":{\"level\":3}}";
    Task task = codec.decode(raw);
    assertThat(task.extra().get("tenant").asText()).isEqualTo("acme");
    JsonNode written = codec.mapper().readTree(codec.encode(task.withAttempt(1)));
    assertThat(written.get("tenant").asText()).isEqualTo("acme");
    assertThat(written.get("rank").get("level").asInt()).isEqualTo(3);
    assertThat(written.get("payload").get("x").isArray()).isTrue();
    assertThat(written.get("attempt").asInt()).isEqualTo(1);
    assertThat(codec.decode(codec.encode(task))).isEqualTo(task);
  }

  @Test
  void writesEveryFieldItHas() throws Exception {
    Task task =
        Task.of("t", "ocr", null)
            .withDocumentId("d")
            .withMaxAttempts(3)
            .withEnqueuedAt(Instant.ofEpochMilli(5))
            .withNotBefore(Instant.ofEpochMilli(9))
            .withIdempotencyKey("k");
    JsonNode json = codec.mapper().readTree(codec.encode(task));
    assertThat(json.get("v").asInt()).isEqualTo(1);
    assertThat(json.get("payload").isObject()).isTrue();
    assertThat(json.get("documentId").asText()).isEqualTo("d");
    assertThat(json.get("maxAttempts").asInt()).isEqualTo(3);
    assertThat(json.get("enqueuedAt").asLong()).isEqualTo(5);
    assertThat(json.get("notBefore").asLong()).isEqualTo(9);
    assertThat(json.get("idempotencyKey").asText()).isEqualTo("k");
    assertThat(json.has("attempt")).isFalse();
    assertThat(codec.decode(codec.encode(task))).isEqualTo(task);
  }

  @Test
  void unknownFieldsOfAnyShapeAreKeptAndTheLastOfARepeatedFieldWins() throws Exception {
    Task task =
        codec.decode(
            "{\"id\":\"x\",\"id\":\"a\",\"type\":\"ocr\",\"meta\":{\"tags\":[1,2.5,null]},"
                + "\"big\":123456789012345678901234567890,\"ok\":true,\"ratio\":0.5}");

    assertThat(task.id()).isEqualTo("a");
    assertThat(task.extra().get("meta").get("tags")).hasSize(3);
    assertThat(task.extra().get("big").bigIntegerValue())
        .isEqualTo(new java.math.BigInteger("123456789012345678901234567890"));
    assertThat(task.extra().get("ok").booleanValue()).isTrue();
    assertThat(task.extra().get("ratio").doubleValue()).isEqualTo(0.5);
    assertThat(codec.decode(codec.encode(task))).isEqualTo(task);
  }

  @Test
  void numericIdsAreReadAsText() throws Exception {
    assertThat(codec.decode("{\"id\":42,\"type\":\"noop\"}").id()).isEqualTo("42");
  }

  @Test
  void saysWhatIsWrongWithAnItemThatIsNotATask() {
    assertRejected("not json", "not valid JSON");
    assertRejected("[1,2]", "must be a JSON object");
    assertRejected("{\"type\":\"ocr\"}", "'id' is required");
    assertRejected("{\"id\":\" \",\"type\":\"ocr\"}", "'id' must not be empty");
    assertRejected("{\"id\":\"a\"}", "'type' is required");
    assertRejected("{\"id\":\"a\",\"type\":\"no spaces\"}", "field 'type'");
    assertRejected("{\"id\":\"a\",\"type\":\"ocr\",\"payload\":[1]}", "'payload' must be");
    assertRejected("{\"id\":\"a\",\"type\":\"ocr\",\"attempt\":-1}", "'attempt' must be");
    assertRejected("{\"id\":\"a\",\"type\":\"ocr\",\"attempt\":\"2\"}", "'attempt' must be");
    assertRejected("{\"id\":\"a\",\"type\":\"ocr\",\"enqueuedAt\":\"yesterday\"}", "'enqueuedAt'");
    assertRejected("{\"id\":\"a\",\"type\":\"ocr\",\"traceId\":{}}", "'traceId' must be");
    assertRejected("{\"id\":\"a\",\"type\":\"ocr\"", "not valid JSON");
    assertRejected("{\"id\":\"a\",\"type\":\"ocr\",\"attempt\":1.5}", "'attempt' must be");
    assertRejected("{\"id\":\"a\",\"type\":\"ocr\",\"attempt\":99999999999}", "'attempt' must be");
    assertRejected("", "must be a JSON object");
  }

  private void assertRejected(String raw, String reason) {
    assertThatThrownBy(() -> codec.decode(raw))
        .isInstanceOf(MalformedTaskException.class)
        .hasMessageContaining(reason);
  }

  @Test
  void aPriorityIsReadAndWrittenRightAfterTheTypeOnlyWhenItIsNotNormal() throws Exception {
    Task high = codec.decode("{\"id\":\"a\",\"type\":\"ocr\",\"priority\":\"high\"}");
    assertThat(high.priority()).isEqualTo(Priority.HIGH);
    assertThat(codec.encode(high))
        .startsWith("{\"v\":1,\"id\":\"a\",\"type\":\"ocr\",\"priority\":\"high\",");
    assertThat(codec.decode(codec.encode(high))).isEqualTo(high);

    Task plain = Task.of("a", "ocr", null);
    assertThat(plain.priority()).isEqualTo(Priority.NORMAL);
    assertThat(codec.decode("{\"id\":\"a\",\"type\":\"ocr\",\"priority\":\"normal\"}"))
        .isEqualTo(plain);
    assertThat(codec.encode(plain.withPriority(Priority.NORMAL))).isEqualTo(codec.encode(plain));
    assertThat(codec.encode(plain)).doesNotContain("priority");
  }

  @Test
  void anUnknownPriorityIsAMalformedTaskNotANormalOne() {
    for (String value : new String[] {"\"urgent\"", "\"HIGH\"", "1", "{}"}) {
      assertThatThrownBy(
              () -> codec.decode("{\"id\":\"a\",\"type\":\"ocr\",\"priority\":" + value + "}"))
          .isInstanceOf(MalformedTaskException.class)
          .hasMessage("field 'priority' must be high, normal or low");
    }
  }
}
