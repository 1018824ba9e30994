package io.docfleet.document;

import java.util.Optional;

/** The pipeline's stages, each a task type on the fleet, in the order a document passes them. */
public enum Stage {
  OCR("ocr"),
  ENTITIES("entities"),
  STRUCTURED("structured");

  private final String taskType;

  Stage(String taskType) {
    this.taskType = taskType;
  }

  /** The task type (and queue, {@code tasks:<type>}) of this stage. */
  public String taskType() {
    return taskType;
  }

  /** The stage after this one; empty after the last. */
  public Optional<Stage> next() {
    return ordinal() + 1 < values().length
        ? Optional.of(values()[ordinal() + 1])
        : Optional.empty();
  }

  public static Optional<Stage> ofTaskType(String type) {
    for (Stage stage : values()) {
      if (stage.taskType.equals(type)) {
        return Optional.of(stage);
      }
    }
    return Optional.empty();
  }
}
