package io.docfleet.worker.extraction;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * The reply the OpenAI entity extractor asks for; the strict JSON schema of the request is derived
 * from this record by the OpenAI client.
 */
public record EntityMentions(
    @JsonPropertyDescription("Every entity mentioned in the text, in order of appearance")
        List<Mention> entities) {

  /** One entity as the model names it: a type and the exact text. */
  public record Mention(
      @JsonPropertyDescription("What kind of entity this is") Kind type,
      @JsonPropertyDescription("The entity exactly as written in the text, character for character")
          String text) {}

  /**
   * The entity types. The schema lists the constants' names (the client derives it from this enum),
   * so the model answers {@code CASE_NUMBER}; {@link #typeName()} spells it as {@link EntityTypes}.
   */
  public enum Kind {
    PERSON,
    ORGANIZATION,
    COURT,
    DATE,
    MONEY,
    CASE_NUMBER,
    STATUTE,
    EMAIL,
    PHONE;

    /** The type name, e.g. {@code case_number}. */
    public String typeName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
