package io.docfleet.api.dashboard;

import io.docfleet.events.DocumentEvent;
import io.docfleet.redis.FleetContext;
import java.util.function.Consumer;
import org.redisson.api.RTopic;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on {@code events:documents} and hands every document event to a consumer. Lifecycle:
 * {@link #start} subscribes (and returns once Redis confirmed it); {@link #close} unsubscribes.
 * Redisson resubscribes by itself after a reconnect; events published meanwhile are missed, as
 * pub/sub goes. A message that is not a document event is logged and skipped.
 */
final class DocumentEventTap implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DocumentEventTap.class);

  private final FleetContext fleet;
  private final Consumer<DocumentEvent> consumer;
  private final RTopic topic;
  private Integer listener;

  DocumentEventTap(FleetContext fleet, Consumer<DocumentEvent> consumer) {
    this.fleet = fleet;
    this.consumer = consumer;
    this.topic = fleet.redis().getTopic(fleet.keys().documentEvents(), StringCodec.INSTANCE);
  }

  DocumentEventTap start() {
    listener = topic.addListener(String.class, (channel, message) -> deliver(message));
    return this;
  }

  private void deliver(String message) {
    DocumentEvent event;
    try {
      event = DocumentEvent.fromJson(fleet.codec().mapper(), message);
    } catch (IllegalArgumentException e) {
      log.warn(
          "skipped a message on {} that is not a document event: {}",
          fleet.keys().documentEvents(),
          e.getMessage());
      return;
    }
    try {
      consumer.accept(event);
    } catch (RuntimeException e) {
      log.warn(
          "the dashboard could not take the {} event of document {}; it shows from the next one",
          event.status(),
          event.documentId(),
          e);
    }
  }

  @Override
  public void close() {
    if (listener != null) {
      topic.removeListener(listener);
      listener = null;
    }
  }
}
