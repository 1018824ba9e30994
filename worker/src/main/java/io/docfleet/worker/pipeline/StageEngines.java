package io.docfleet.worker.pipeline;

import io.docfleet.document.Stage;
import io.docfleet.store.StageEngine;

/**
 * The engine, version and settings version each stage puts in its cache key (next to the content's
 * sha256), recorded in PostgreSQL when the stage is done so the coordinator's cache warmer can
 * rebuild the exact key. Keep in step with {@link PipelineCacheKeys}, where the stages build them.
 */
final class StageEngines {
  private StageEngines() {}

  static StageEngine of(PipelineContext pipeline, Stage stage) {
    return switch (stage) {
      case OCR ->
          new StageEngine(
              pipeline.ocr().name(), pipeline.ocr().version(), OcrStage.SETTINGS_VERSION);
      case ENTITIES ->
          new StageEngine(
              pipeline.entities().name(),
              pipeline.entities().version(),
              EntitiesStage.SETTINGS_VERSION);
      case STRUCTURED ->
          new StageEngine(
              pipeline.structured().name(),
              pipeline.structured().version(),
              StructuredStage.SETTINGS_VERSION + "+" + pipeline.entities().version());
    };
  }
}
