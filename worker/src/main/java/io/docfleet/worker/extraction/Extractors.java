package io.docfleet.worker.extraction;

import io.docfleet.worker.provider.CallPermits;

/** Builds the extractors and the chunker that {@link ExtractionSettings} name. */
public final class Extractors {
  private Extractors() {}

  public static EntityExtractor entityExtractor(ExtractionSettings settings) {
    return entityExtractor(settings, CallPermits.unlimited());
  }

  /** The entity extractor; a paid one takes {@code permits} before each call. */
  public static EntityExtractor entityExtractor(ExtractionSettings settings, CallPermits permits) {
    return switch (settings.entityExtractor()) {
      case RULES -> new RulesEntityExtractor();
      case OPENAI -> OpenAiEntityExtractor.create(settings.openai(), permits);
    };
  }

  public static StructuredExtractor structuredExtractor(ExtractionSettings settings) {
    return structuredExtractor(settings, CallPermits.unlimited());
  }

  /** The structured extractor; a paid one takes {@code permits} before each call. */
  public static StructuredExtractor structuredExtractor(
      ExtractionSettings settings, CallPermits permits) {
    return switch (settings.structuredExtractor()) {
      case RULES -> new RulesStructuredExtractor();
      case OPENAI -> OpenAiStructuredExtractor.create(settings.openai(), permits);
    };
  }

  public static TextChunker chunker(ExtractionSettings settings) {
    return new TextChunker(settings.chunkMaxChars());
  }
}
