package io.docfleet.task;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One unit of work in the documented task format (version 1, {@code docs/task-format.md}). Fields
 * the format does not know are kept in {@code extra} and written back unchanged.
 *
 * @param attempt attempts already made (0 for a new task)
 * @param maxAttempts attempts allowed, 0 for the queue's default
 * @param priority the lane it waits in ({@link Priority#NORMAL} unless it says otherwise)
 * @param group the group it shares its lane with fairly ({@link GroupNames}), or null for none
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
    Priority priority,
    String group,
    ObjectNode extra) {

  public static final int FORMAT_VERSION = 1;

  public Task {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    payload = payload == null ? JsonNodeFactory.instance.objectNode() : payload;
    priority = priority == null ? Priority.NORMAL : priority;
    extra = extra == null ? JsonNodeFactory.instance.objectNode() : extra;
  }

  /** A new task in its minimal form. */
  public static Task of(String id, String type, ObjectNode payload) {
    return new Task(
        id, type, payload, FORMAT_VERSION, null, 0, 0, null, null, null, null, null, null, null);
  }

  public Task withEnqueuedAt(Instant at) {
    return copy(c -> c.enqueuedAt = at);
  }

  public Task withAttempt(int newAttempt) {
    return copy(c -> c.attempt = newAttempt);
  }

  /** The same task with another payload, e.g. what a task that polls later learned so far. */
  public Task withPayload(ObjectNode newPayload) {
    return copy(c -> c.payload = newPayload);
  }

  public Task withNotBefore(Instant at) {
    return copy(c -> c.notBefore = at);
  }

  public Task withIdempotencyKey(String key) {
    return copy(c -> c.idempotencyKey = key);
  }

  public Task withDocumentId(String newDocumentId) {
    return copy(c -> c.documentId = newDocumentId);
  }

  public Task withMaxAttempts(int newMaxAttempts) {
    return copy(c -> c.maxAttempts = newMaxAttempts);
  }

  /** The same task in another lane. */
  public Task withPriority(Priority newPriority) {
    return copy(c -> c.priority = newPriority);
  }

  /** The same task in another group (null: in none). */
  public Task withGroup(String newGroup) {
    return copy(c -> c.group = newGroup);
  }

  private Task copy(Consumer<Copy> change) {
    Copy copy = new Copy(this);
    change.accept(copy);
    return copy.build();
  }

  /** A task's components while one of them changes: each {@code withX} above names its own. */
  private static final class Copy {
    private final String id;
    private final String type;
    private ObjectNode payload;
    private final int version;
    private String documentId;
    private int attempt;
    private int maxAttempts;
    private Instant enqueuedAt;
    private Instant notBefore;
    private String idempotencyKey;
    private final String traceId;
    private Priority priority;
    private String group;
    private final ObjectNode extra;

    Copy(Task task) {
      id = task.id;
      type = task.type;
      payload = task.payload;
      version = task.version;
      documentId = task.documentId;
      attempt = task.attempt;
      maxAttempts = task.maxAttempts;
      enqueuedAt = task.enqueuedAt;
      notBefore = task.notBefore;
      idempotencyKey = task.idempotencyKey;
      traceId = task.traceId;
      priority = task.priority;
      group = task.group;
      extra = task.extra;
    }

    Task build() {
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
          idempotencyKey,
          traceId,
          priority,
          group,
          extra);
    }
  }

  /** The attempts this task may take: its own limit, else the queue's. */
  public int attemptsAllowed(int queueDefault) {
    return maxAttempts > 0 ? maxAttempts : queueDefault;
  }
}
