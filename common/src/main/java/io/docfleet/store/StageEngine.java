package io.docfleet.store;

import java.util.Objects;

/**
 * What computed one stage of a document: the engine ({@code pdfbox}, {@code rules}, {@code
 * openai}), its version or model, and the stage's settings version; with the content's sha256 these
 * make the stage's provider-cache key.
 */
public record StageEngine(String engine, String engineVersion, String settingsVersion) {
  public StageEngine {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(engineVersion, "engineVersion");
    Objects.requireNonNull(settingsVersion, "settingsVersion");
  }
}
