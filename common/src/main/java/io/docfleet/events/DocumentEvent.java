package io.docfleet.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Objects;

/**
 * One change of a document's state, as published on {@code events:documents}: the document, its
 * status ({@code queued}, {@code processing}, {@code completed}, {@code failed}), the stage it is
 * at, progress 0-100, the error (null when none) and when it happened ({@code at}, epoch ms).
 */
public record DocumentEvent(
    String documentId, String status, String stage, int progress, String error, long at) {

  public DocumentEvent {
    Objects.requireNonNull(documentId, "documentId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(stage, "stage");
  }

  /** The event as the channel carries it: one JSON object. */
  public String toJson(ObjectMapper mapper) {
    try {
      return mapper.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a document event always serializes", e);
    }
  }

  /** Reads an event from the channel. */
  public static DocumentEvent fromJson(ObjectMapper mapper, String json) {
    try {
      return mapper.readValue(json, DocumentEvent.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a document event: " + e.getOriginalMessage(), e);
    }
  }

  /** The event's time as an instant. */
  public Instant atInstant() {
    return Instant.ofEpochMilli(at);
  }
}
