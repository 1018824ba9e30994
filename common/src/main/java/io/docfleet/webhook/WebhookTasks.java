package io.docfleet.webhook;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.task.Task;

/**
 * The {@code webhook} task: payload {@code {"url", "documentId", "event"}}, id and idempotency key
 * {@code webhook:<eventId>}, so queuing one final state's event twice queues it once. It names no
 * {@code documentId} of its own: a delivery is no stage of the document and marks it pending no
 * more.
 */
public final class WebhookTasks {
  public static final String TYPE = "webhook";

  private WebhookTasks() {}

  /** The task that delivers {@code event} to {@code url}. */
  public static Task of(String url, ObjectNode event) {
    String id = TYPE + ":" + event.path("eventId").asText();
    ObjectNode payload = JsonNodeFactory.instance.objectNode();
    payload.put("url", url);
    payload.put("documentId", event.path("documentId").asText());
    payload.set("event", event);
    return Task.of(id, TYPE, payload).withIdempotencyKey(id);
  }
}
