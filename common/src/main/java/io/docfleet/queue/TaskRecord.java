package io.docfleet.queue;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A task's record, the value of its field in its queue's {@code {tasks:<type>}:assignments} hash:
 * the worker that ran its latest attempt, the attempts made, when that attempt started and ended
 * (epoch ms; 0 when not known), its status and the error of the last failed attempt, with, when its
 * handler threw, a short stack summary of it ({@code error_trace}: the exception, its top frames
 * and causes; written only on a failure, so a success costs nothing more).
 *
 * <p>Stored as JSON with {@code status} and {@code attempts} first and {@code last_error} last:
 * {@code claim.lua} reads a stored record with one pattern in that order, and writes the running
 * record of a start itself in the same form, keeping the stored {@code last_error} and what follows
 * it, {@code error_trace} (a completion drops the trace). Every other write is built here, by the
 * worker that ends the run, from what its claim told it: no script reads a record to end a run.
 */
public record TaskRecord(
    TaskStatus status,
    int attempts,
    String worker,
    long startedAt,
    long endedAt,
    String lastError,
    String errorTrace) {

  /** The record of a completion; {@code lastError} of an earlier attempt, or null. */
  public static TaskRecord completed(
      String worker, int attempts, long startedAt, long completedAt, String lastError) {
    return new TaskRecord(
        TaskStatus.COMPLETED, attempts, worker, startedAt, completedAt, lastError, null);
  }

  /**
   * The record of an attempt that ended otherwise: {@code retrying}, {@code waiting} (then {@code
   * attempts} leaves the attempt that just ran uncounted) or {@code dead}.
   */
  public static TaskRecord ended(
      TaskStatus status, String worker, int attempts, long startedAt, long endedAt, String error) {
    return new TaskRecord(status, attempts, worker, startedAt, endedAt, error, null);
  }

  /**
   * This record with {@code trace} as its error trace; kept only beside a {@code last_error}, which
   * it follows in the JSON (so {@code claim.lua} keeps both on the next start).
   */
  public TaskRecord withErrorTrace(String trace) {
    return new TaskRecord(status, attempts, worker, startedAt, endedAt, lastError, trace);
  }

  /**
   * A record as the older form stored it, a hash of its own ({@code task:assignments:<taskId>}):
   * for {@code migrate-keys}. Fields it does not know are left out; a missing status reads as
   * running.
   */
  public static TaskRecord fromFields(Map<String, String> fields) {
    String status = fields.get("status");
    String ended = fields.getOrDefault("completed_at", fields.get("ended_at"));
    return new TaskRecord(
        status == null ? TaskStatus.RUNNING : TaskStatus.fromWire(status),
        (int) number(fields.get("attempts")),
        fields.get("worker"),
        number(fields.get("started_at")),
        number(ended),
        fields.get("last_error"),
        fields.get("error_trace"));
  }

  /** The JSON stored in the assignments hash, in the order {@code claim.lua} reads. */
  public String toJson() {
    StringBuilder json = new StringBuilder(96);
    json.append("{\"status\":\"").append(status.wireName()).append("\",\"attempts\":");
    json.append(attempts);
    if (worker != null) {
      json.append(",\"worker\":");
      quoted(json, worker);
    }
    if (startedAt > 0) {
      json.append(",\"started_at\":").append(startedAt);
    }
    if (endedAt > 0) {
      json.append(status == TaskStatus.COMPLETED ? ",\"completed_at\":" : ",\"ended_at\":");
      json.append(endedAt);
    }
    if (lastError != null) {
      json.append(",\"last_error\":");
      quoted(json, lastError);
      if (errorTrace != null) {
        json.append(",\"error_trace\":");
        quoted(json, errorTrace);
      }
    }
    return json.append('}').toString();
  }

  /** The fields as operators read them: the stored names, every value as text. */
  public Map<String, String> fields() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("status", status.wireName());
    fields.put("attempts", Integer.toString(attempts));
    if (worker != null) {
      fields.put("worker", worker);
    }
    if (startedAt > 0) {
      fields.put("started_at", Long.toString(startedAt));
    }
    if (endedAt > 0) {
      fields.put(
          status == TaskStatus.COMPLETED ? "completed_at" : "ended_at", Long.toString(endedAt));
    }
    if (lastError != null) {
      fields.put("last_error", lastError);
      if (errorTrace != null) {
        fields.put("error_trace", errorTrace);
      }
    }
    return fields;
  }

  private static void quoted(StringBuilder json, String text) {
    json.append('"');
    JsonStringEncoder.getInstance().quoteAsString(text, json);
    json.append('"');
  }

  private static long number(String text) {
    if (text == null || text.isBlank()) {
      return 0;
    }
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
