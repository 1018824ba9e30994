package io.docfleet.api.documents;

import io.docfleet.document.DocumentStatus;
import io.docfleet.document.Stage;
import io.docfleet.redis.RedisNumbers;
import io.docfleet.store.DocumentRecord;
import io.docfleet.store.StageEngine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A document's state as {@code GET /api/v1/documents/{id}} shows it: the record in PostgreSQL (the
 * system of record: status, stage, error, timestamps) with what the {@code doc:state:<id>} hash
 * adds (progress, each stage's status, why it waits, times and duration, provider calls and cache
 * hits) and the engine PostgreSQL's {@code stage_engines} recorded for each stage that is done.
 */
public record DocumentView(
    String id,
    String name,
    String source,
    String mediaType,
    long sizeBytes,
    String sha256,
    String status,
    String stage,
    int progress,
    int attempts,
    String error,
    String createdAt,
    String updatedAt,
    String completedAt,
    Map<String, StageView> stages,
    long providerCalls,
    long cacheHits,
    List<TaskRef> tasks) {

  /**
   * The field of {@code doc:state:<id>} that names the OCR task of the document's latest run, as
   * the API queued it; each later stage's task id is the one before it with {@code ">"} and the
   * stage's type ({@code StageHandler.queueNext} in the worker).
   */
  static final String OCR_TASK = "ocr_task";

  /** The stage status of a stage whose task waits; {@code <stage>_waiting_for} says why. */
  private static final String WAITING = "waiting";

  /** A task of one stage of the document's latest run: its type and id. */
  public record TaskRef(String type, String id) {}

  /**
   * One stage as the state hash last saw it: {@code status} ({@code running}, {@code waiting},
   * {@code done} or {@code failed}) and {@code at}, its last change; {@code startedAt}, its first
   * start in this run (retries and waits included), {@code endedAt} once done or failed, and {@code
   * durationMs} between them (null while either is unknown: documents processed before these were
   * written); {@code engine}, {@code engineVersion} and {@code settingsVersion} from {@code
   * stage_engines} once done; {@code error}, the document's error when it failed at this stage;
   * {@code waitingFor}, why the stage waits (a spent budget, the fleet's rate limit, a provider's
   * job still running) while its status is {@code waiting}, null otherwise.
   */
  public record StageView(
      String status,
      String at,
      String startedAt,
      String endedAt,
      Long durationMs,
      String engine,
      String engineVersion,
      String settingsVersion,
      String error,
      String waitingFor) {}

  static DocumentView of(
      DocumentRecord record, Map<String, String> state, Map<Stage, StageEngine> engines) {
    Map<String, StageView> stages = new LinkedHashMap<>();
    for (Stage stage : Stage.values()) {
      String status = state.get(stage.taskType() + "_status");
      if (status != null) {
        stages.put(stage.taskType(), stage(record, state, stage, status, engines.get(stage)));
      }
    }
    int progress =
        record.status().isFinal() ? 100 : (int) RedisNumbers.orZero(state.get("progress"));
    return new DocumentView(
        record.id(),
        record.file().name(),
        record.file().source(),
        record.file().mediaType(),
        record.file().sizeBytes(),
        record.file().sha256(),
        record.status().wireName(),
        record.stage().taskType(),
        progress,
        record.attempts(),
        record.error().orElse(null),
        record.createdAt().toString(),
        record.updatedAt().toString(),
        record.completedAt().map(Instant::toString).orElse(null),
        stages,
        RedisNumbers.orZero(state.get("provider_calls")),
        RedisNumbers.orZero(state.get("cache_hits")),
        tasks(record, state, stages));
  }

  /**
   * The tasks of the latest run's stages that started or ran (the current stage and those before
   * it), when the API queued its OCR task; empty otherwise (a run the reconciler queued again, or
   * one queued before the state named its task).
   */
  private static List<TaskRef> tasks(
      DocumentRecord record, Map<String, String> state, Map<String, StageView> stages) {
    String ocr = state.get(OCR_TASK);
    if (ocr == null || ocr.isEmpty()) {
      return List.of();
    }
    List<TaskRef> tasks = new ArrayList<>();
    String id = ocr;
    for (Stage stage : Stage.values()) {
      if (stage != Stage.OCR) {
        id = id + ">" + stage.taskType();
      }
      if (stage == Stage.OCR
          || stages.containsKey(stage.taskType())
          || stage.ordinal() <= record.stage().ordinal()) {
        tasks.add(new TaskRef(stage.taskType(), id));
      }
    }
    return tasks;
  }

  private static StageView stage(
      DocumentRecord record,
      Map<String, String> state,
      Stage stage,
      String status,
      StageEngine engine) {
    String name = stage.taskType();
    String started = state.get(name + "_started_at");
    String ended = state.get(name + "_ended_at");
    Long duration =
        started == null || ended == null
            ? null
            : Math.max(0, RedisNumbers.orZero(ended) - RedisNumbers.orZero(started));
    String error =
        record.status() == DocumentStatus.FAILED && record.stage() == stage
            ? record.error().orElse(null)
            : null;
    // a reason left from an earlier wait never shows once the stage runs, is done or failed
    String waitingFor = WAITING.equals(status) ? state.get(name + "_waiting_for") : null;
    return new StageView(
        status,
        millis(state.get(name + "_timestamp")),
        millis(started),
        millis(ended),
        duration,
        engine == null ? null : engine.engine(),
        engine == null ? null : engine.engineVersion(),
        engine == null ? null : engine.settingsVersion(),
        error,
        waitingFor == null || waitingFor.isEmpty() ? null : waitingFor);
  }

  private static String millis(String value) {
    return value == null ? null : Instant.ofEpochMilli(RedisNumbers.orZero(value)).toString();
  }
}
