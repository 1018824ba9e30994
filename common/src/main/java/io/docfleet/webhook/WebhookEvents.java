package io.docfleet.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.document.ContentHash;
import io.docfleet.document.DocumentStatus;
import io.docfleet.document.Stage;
import io.docfleet.store.DocumentRecord;
import java.time.Instant;
import java.util.Map;

/**
 * The event a document's final state makes: {@code eventId}, {@code type} ({@code
 * document.completed} or {@code document.failed}), {@code documentId}, {@code status}, {@code
 * stages} (each stage's {@code status} and {@code at}, as {@code GET /api/v1/documents/{id}} shows
 * them beside the stage's engine and times), {@code error}, {@code links} and {@code occurredAt}.
 * The event id derives from the document, its final status and when it took it, so every delivery
 * and every rebuild of one final state carries the same id, and a reprocessed document's next end
 * another.
 */
public final class WebhookEvents {
  public static final String DOCUMENTS_PATH = "/api/v1/documents/";

  private WebhookEvents() {}

  /** The event of {@code record}'s final state; {@code state} is its {@code doc:state} hash. */
  public static ObjectNode of(
      ObjectMapper mapper, DocumentRecord record, Map<String, String> state) {
    if (!record.status().isFinal()) {
      throw new IllegalArgumentException(
          "document " + record.id() + " is " + record.status().wireName() + ", not final");
    }
    Instant occurredAt = occurredAt(record);
    ObjectNode event = mapper.createObjectNode();
    event.put("eventId", eventId(record));
    event.put("type", "document." + record.status().wireName());
    event.put("documentId", record.id());
    event.put("status", record.status().wireName());
    ObjectNode stages = event.putObject("stages");
    for (Stage stage : Stage.values()) {
      String status = state.get(stage.taskType() + "_status");
      if (status != null) {
        ObjectNode view = stages.putObject(stage.taskType());
        view.put("status", status);
        String at = state.get(stage.taskType() + "_timestamp");
        view.put("at", at == null ? null : Instant.ofEpochMilli(millis(at)).toString());
      }
    }
    event.put("error", record.error().orElse(null));
    ObjectNode links = event.putObject("links");
    links.put("document", DOCUMENTS_PATH + record.id());
    links.put("result", DOCUMENTS_PATH + record.id() + "/result");
    event.put("occurredAt", occurredAt.toString());
    return event;
  }

  /** The stable id of {@code record}'s final state: {@code evt_} and 32 hex digits. */
  public static String eventId(DocumentRecord record) {
    String identity =
        record.id() + "\n" + record.status().wireName() + "\n" + occurredAt(record).toEpochMilli();
    return "evt_" + ContentHash.sha256(identity).substring(0, 32);
  }

  /** When the document took its final status. */
  static Instant occurredAt(DocumentRecord record) {
    return record.status() == DocumentStatus.COMPLETED
        ? record.completedAt().orElse(record.updatedAt())
        : record.updatedAt();
  }

  private static long millis(String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
