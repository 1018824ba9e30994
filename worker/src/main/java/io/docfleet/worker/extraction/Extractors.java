package io.docfleet.worker.extraction;

/** Builds the extractors and the chunker that {@link ExtractionSettings} name. */
public final class Extractors {
  private Extractors() {}

  public static EntityExtractor entityExtractor(ExtractionSettings settings) {
    return switch (settings.entityExtractor()) {
      case RULES -> new RulesEntityExtractor();
      case OPENAI -> OpenAiEntityExtractor.create(settings.openai());
    };
  }

  public static StructuredExtractor structuredExtractor(ExtractionSettings settings) {
    return switch (settings.structuredExtractor()) {
      case RULES -> new RulesStructuredExtractor();
      case OPENAI -> OpenAiStructuredExtractor.create(settings.openai());
    };
  }

  public static TextChunker chunker(ExtractionSettings settings) {
    return new TextChunker(settings.chunkMaxChars());
  }
}
