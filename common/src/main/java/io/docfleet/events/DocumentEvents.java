package io.docfleet.events;

import io.docfleet.redis.FleetContext;
import org.redisson.api.RBatch;
import org.redisson.api.RTopic;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes document state changes on the pub/sub channel {@code events:documents}, from wherever a
 * state is written (the pipeline's stages, the coordinator's submit and reprocess). Pub/sub is fire
 * and forget: a subscriber that is not connected misses the event, and PostgreSQL and {@code
 * doc:state:<id>} stay the record. A publish that fails is logged and never fails the caller.
 * Events of one document published from one thread arrive in the order they were published.
 */
public final class DocumentEvents {
  private static final Logger log = LoggerFactory.getLogger(DocumentEvents.class);

  private final FleetContext fleet;
  private final RTopic topic;

  public DocumentEvents(FleetContext fleet) {
    this.fleet = fleet;
    this.topic = fleet.redis().getTopic(fleet.keys().documentEvents(), StringCodec.INSTANCE);
  }

  /** Publishes the event; returns how many subscribers received it (0 when it could not). */
  public long publish(DocumentEvent event) {
    try {
      return topic.publish(event.toJson(fleet.codec().mapper()));
    } catch (RuntimeException e) {
      log.warn(
          "could not publish the {} event of document {}; subscribers miss it: {}",
          event.status(),
          event.documentId(),
          e.toString());
      return 0;
    }
  }

  /**
   * Publishes the event as part of {@code batch}, in order with the caller's other writes (the
   * state it reports goes in the same round trip); it fails only with the batch.
   */
  public void publish(RBatch batch, DocumentEvent event) {
    batch
        .getTopic(fleet.keys().documentEvents(), StringCodec.INSTANCE)
        .publishAsync(event.toJson(fleet.codec().mapper()));
  }

  /** Publishes a change that happens now, by the fleet's clock. */
  public long publish(String documentId, String status, String stage, int progress, String error) {
    return publish(
        new DocumentEvent(documentId, status, stage, progress, error, fleet.clock().millis()));
  }
}
