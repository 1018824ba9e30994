package io.docfleet.task;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One unit of work in the documented task format (version 1, {@code docs/task-format.md}). Fields
 * the format does not know are kept in {@code extra} and written back unchanged.
 *
 * @param attempt attempts already made (0 for a new task)
 * @param maxAttempts attempts allowed, 0 for the queue's default
 */
public record Task(
    String id,
    String type,
    ObjectNode payload,
    int version,
    String documentId,
    int attempt,
    int maxAttempts,
    Instant enqueuedAt,
    Instant notBefore,
    String idempotencyKey,
    String traceId,
    ObjectNode extra) {

  public static final int FORMAT_VERSION = 1;

  public Task {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    payload = payload == null ? JsonNodeFactory.instance.objectNode() : payload;
    extra = extra == null ? JsonNodeFactory.instance.objectNode() : extra;
  }

  /** A new task in its minimal form. */
  public static Task of(String id, String type, ObjectNode payload) {
    return new Task(id, type, payload, FORMAT_VERSION, null, 0, 0, null, null, null, null, null);
  }

  public Task withEnqueuedAt(Instant at) {
    return new Task(
        id,
        type,
        payload,
        version,
        documentId,
        attempt,
        maxAttempts,
        at,
        notBefore,
        idempotencyKey,
        traceId,
        extra);
  }

  public Task withAttempt(int newAttempt) {
    return new Task(
        id,
        type,
        payload,
        version,
        documentId,
        newAttempt,
        maxAttempts,
        enqueuedAt,
        notBefore,
        idempotencyKey,
        traceId,
        extra);
  }

  /** The same task with another payload, e.g. what a task that polls later learned so far. */
  public Task withPayload(ObjectNode newPayload) {
    return new Task(
        id,
        type,
        newPayload,
        version,
        documentId,
        attempt,
        maxAttempts,
        enqueuedAt,
        notBefore,
        idempotencyKey,
        traceId,
        extra);
  }

  public Task withNotBefore(Instant at) {
    return new Task(
        id,
        type,
        payload,
        version,
        documentId,
        attempt,
        maxAttempts,
        enqueuedAt,
        at,
        idempotencyKey,
        traceId,
        extra);
  }

  public Task withIdempotencyKey(String key) {
    return new Task(
        id,
        type,
        payload,
        version,
        documentId,
        attempt,
        maxAttempts,
        enqueuedAt,
        notBefore,
        key,
        traceId,
        extra);
  }

  public Task withDocumentId(String newDocumentId) {
    return new Task(
        id,
        type,
        payload,
        version,
        newDocumentId,
        attempt,
        maxAttempts,
        enqueuedAt,
        notBefore,
        idempotencyKey,
        traceId,
        extra);
  }

  public Task withMaxAttempts(int newMaxAttempts) {
    return new Task(
        id,
        type,
        payload,
        version,
        documentId,
        attempt,
        newMaxAttempts,
        enqueuedAt,
        notBefore,
        idempotencyKey,
        traceId,
        extra);
  }

  /** The attempts this task may take: its own limit, else the queue's. */
  public int attemptsAllowed(int queueDefault) {
    return maxAttempts > 0 ? maxAttempts : queueDefault;
  }
}
