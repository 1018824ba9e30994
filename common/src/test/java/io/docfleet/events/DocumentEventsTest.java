package io.docfleet.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.RedisKeys;
import io.docfleet.task.TaskCodec;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RBatch;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.LoggerFactory;

/**
 * Document events on events:documents: JSON with the documented fields, in publish order; a publish
 * that cannot reach Redis is logged and never fails its caller.
 */
class DocumentEventsTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("events");

  private final SettableClock clock = new SettableClock(Instant.ofEpochMilli(1_000));
  private final String prefix = redis.prefix();
  private final FleetContext fleet = redis.context(clock);

  @Test
  void aSubscriberReceivesTheEventsOfADocumentInOrderAsJson() {
    List<String> received = Collections.synchronizedList(new ArrayList<>());
    var topic = fleet.redis().getTopic(fleet.keys().documentEvents(), StringCodec.INSTANCE);
    int listener = topic.addListener(String.class, (channel, message) -> received.add(message));
    try {
      DocumentEvents events = new DocumentEvents(fleet);
      assertThat(events.publish("d1", "queued", "ocr", 0, null)).isEqualTo(1);
      clock.advance(Duration.ofSeconds(1));
      events.publish("d1", "processing", "ocr", 0, null);
      clock.advance(Duration.ofSeconds(1));
      events.publish("d1", "failed", "ocr", 0, "no such file");

      await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 3);
      List<DocumentEvent> decoded =
          received.stream()
              .map(json -> DocumentEvent.fromJson(fleet.codec().mapper(), json))
              .toList();
      assertThat(decoded)
          .containsExactly(
              new DocumentEvent("d1", "queued", "ocr", 0, null, 1_000),
              new DocumentEvent("d1", "processing", "ocr", 0, null, 2_000),
              new DocumentEvent("d1", "failed", "ocr", 0, "no such file", 3_000));
      assertThat(received.get(0))
          .contains("\"documentId\":\"d1\"")
          .contains("\"status\":\"queued\"")
          .contains("\"stage\":\"ocr\"")
          .contains("\"progress\":0")
          .contains("\"at\":1000");
      assertThat(decoded.get(2).atInstant()).isEqualTo(Instant.ofEpochMilli(3_000));
    } finally {
      topic.removeListener(listener);
    }
  }

  @Test
  void anEventPublishedInABatchGoesOutWithIt() {
    List<String> received = Collections.synchronizedList(new ArrayList<>());
    var topic = fleet.redis().getTopic(fleet.keys().documentEvents(), StringCodec.INSTANCE);
    int listener = topic.addListener(String.class, (channel, message) -> received.add(message));
    try {
      RBatch batch = fleet.redis().createBatch();
      new DocumentEvents(fleet)
          .publish(batch, new DocumentEvent("d1", "processing", "ocr", 0, null, 1_000));
      new DocumentEvents(fleet)
          .publish(batch, new DocumentEvent("d1", "processing", "ocr", 33, null, 1_001));
      batch.execute();

      await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
      assertThat(received.get(0)).contains("\"progress\":0");
      assertThat(received.get(1)).contains("\"progress\":33");
    } finally {
      topic.removeListener(listener);
    }
  }

  @Test
  void somethingElseOnTheChannelIsNotAnEvent() {
    assertThatThrownBy(() -> DocumentEvent.fromJson(fleet.codec().mapper(), "not json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a document event");
  }

  @Test
  void aPublishThatCannotReachRedisReachesNoOneAndDoesNotFailTheCaller() {
    RedissonClient gone = TestRedis.connect(TestRedis.url());
    gone.shutdown();
    FleetContext goneFleet = new FleetContext(gone, new RedisKeys(prefix), new TaskCodec(), clock);
    Logger logger = (Logger) LoggerFactory.getLogger(DocumentEvents.class);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    logger.addAppender(logs);
    try {
      long received = new DocumentEvents(goneFleet).publish("d7", "failed", "entities", 33, "x");

      assertThat(received).isZero();
      assertThat(logs.list)
          .singleElement()
          .extracting(ILoggingEvent::getFormattedMessage)
          .asString()
          .startsWith("could not publish the failed event of document d7; subscribers miss it");
    } finally {
      logger.detachAppender(logs);
    }
  }
}
