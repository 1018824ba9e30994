package io.docfleet.worker.pipeline;

import io.docfleet.document.Stage;
import io.docfleet.worker.handler.HandlerRegistry;
import java.util.List;

/**
 * The document pipeline's stages as task handlers: {@code ocr}, {@code entities}, {@code
 * structured}.
 */
public final class Pipeline {
  private Pipeline() {}

  /**
   * True when a worker configured with {@code types} serves a pipeline stage, so it needs the
   * pipeline: when they name one, or are empty (the default: every type it has a handler for).
   */
  public static boolean isServedBy(List<String> types) {
    return types.isEmpty() || types.stream().anyMatch(type -> Stage.ofTaskType(type).isPresent());
  }

  /** Registers every stage's handler. */
  public static HandlerRegistry register(HandlerRegistry handlers, PipelineContext pipeline) {
    return handlers
        .register(Stage.OCR.taskType(), new OcrStage(pipeline))
        .register(Stage.ENTITIES.taskType(), new EntitiesStage(pipeline))
        .register(Stage.STRUCTURED.taskType(), new StructuredStage(pipeline));
  }
}
