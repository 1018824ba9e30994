package io.docfleet.worker.extraction;

/**
 * {@code STRUCTURED_EXTRACTOR=rules}: the document's facts built from its entities and keywords,
 * deterministically: type by keyword score, parties from people and organisations with the roles
 * stated beside them, dates and amounts normalised, jurisdiction from governing law or the court.
 */
public final class RulesStructuredExtractor implements StructuredExtractor {
  public static final String NAME = "rules";

  /** Bump whenever a rule changes. */
  public static final String VERSION = "facts-rules-1";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String version() {
    return VERSION;
  }

  @Override
  public DocumentFacts extract(StructuredInput input) {
    DocumentFacts facts =
        new DocumentFacts(
            DocumentTypes.classify(input),
            Parties.find(input),
            KeyDates.find(input),
            Amounts.find(input),
            Jurisdictions.find(input));
    DocumentFactsJson.write(facts);
    return facts;
  }
}
