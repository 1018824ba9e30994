package io.docfleet.worker.extraction;

import io.docfleet.config.ConfigException;
import io.docfleet.config.Env;

/**
 * Which extractors run ({@code ENTITY_EXTRACTOR} and {@code STRUCTURED_EXTRACTOR}, each {@code
 * rules} by default), how large chunks are ({@code CHUNK_MAX_CHARS}, default 4000) and how to reach
 * OpenAI when an extractor uses it.
 */
public record ExtractionSettings(
    Extractor entityExtractor,
    Extractor structuredExtractor,
    int chunkMaxChars,
    OpenAiSettings openai) {

  /** The values of {@code ENTITY_EXTRACTOR} and {@code STRUCTURED_EXTRACTOR}. */
  public enum Extractor {
    RULES,
    OPENAI
  }

  public static final Extractor DEFAULT_EXTRACTOR = Extractor.RULES;

  public static ExtractionSettings fromEnv(Env env) {
    int chunkMaxChars = env.positiveInt("CHUNK_MAX_CHARS", TextChunker.DEFAULT_MAX_CHARS);
    if (chunkMaxChars < TextChunker.MIN_MAX_CHARS) {
      throw new ConfigException(
          "CHUNK_MAX_CHARS",
          "a whole number of at least " + TextChunker.MIN_MAX_CHARS,
          Integer.toString(chunkMaxChars));
    }
    ExtractionSettings settings =
        new ExtractionSettings(
            env.choice("ENTITY_EXTRACTOR", Extractor.class, DEFAULT_EXTRACTOR),
            env.choice("STRUCTURED_EXTRACTOR", Extractor.class, DEFAULT_EXTRACTOR),
            chunkMaxChars,
            OpenAiSettings.fromEnv(env));
    if (settings.entityExtractor() == Extractor.OPENAI) {
      settings.openai().requireApiKey("ENTITY_EXTRACTOR");
    }
    if (settings.structuredExtractor() == Extractor.OPENAI) {
      settings.openai().requireApiKey("STRUCTURED_EXTRACTOR");
    }
    return settings;
  }
}
