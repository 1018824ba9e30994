package io.docfleet.worker.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.document.Chunk;
import io.docfleet.document.Entity;
import io.docfleet.worker.extraction.DocumentFacts.Amount;
import io.docfleet.worker.extraction.DocumentFacts.DocumentType;
import io.docfleet.worker.extraction.DocumentFacts.KeyDate;
import io.docfleet.worker.extraction.DocumentFacts.Party;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link StructuredExtractor} does; one subclass per extractor supplies it. */
abstract class StructuredExtractorContract {

  abstract StructuredExtractor extractor();

  static StructuredInput withRulesEntities(String text) {
    List<Entity> entities =
        new RulesEntityExtractor().extract(new Chunk("0-x", 0, 0, text.length(), "sha", text));
    return new StructuredInput(text, entities);
  }

  @Test
  void namesItselfAndItsVersionForCacheKeys() {
    assertThat(extractor().name()).isIn("rules", "openai");
    assertThat(extractor().version()).isNotBlank().isEqualTo(extractor().version());
  }

  @Test
  void readsACourtFiling() throws Exception {
    DocumentFacts facts = extractor().extract(withRulesEntities(LegalSamples.COMPLAINT));

    assertThat(facts.documentType()).isEqualTo(DocumentType.COURT_FILING);
    assertThat(facts.parties())
        .contains(
            new Party("JOHN DOE", "person", "plaintiff"),
            new Party("ACME WIDGETS, INC.", "organization", "defendant"))
        .doesNotContain(new Party("Jane Smith", "person", null));
    assertThat(facts.keyDates())
        .containsExactly(
            new KeyDate("January 5, 2024", "2024-01-05", null),
            new KeyDate("2024-01-05", "2024-01-05", "due"),
            new KeyDate("05/01/2024", null, "due"),
            new KeyDate("5 January 2024", "2024-01-05", null));
    assertThat(facts.amounts())
        .contains(
            new Amount("$1,250,000.00", new BigDecimal("1250000.00"), "USD"),
            new Amount("1.5 million dollars", new BigDecimal("1500000"), "USD"),
            new Amount("EUR 12.50", new BigDecimal("12.50"), "EUR"));
    assertThat(facts.jurisdiction()).isEqualTo("UNITED STATES DISTRICT COURT");
  }

  @Test
  void readsAContract() throws Exception {
    DocumentFacts facts = extractor().extract(withRulesEntities(LegalSamples.CONTRACT));

    assertThat(facts.documentType()).isEqualTo(DocumentType.CONTRACT);
    assertThat(facts.parties())
        .containsExactly(
            new Party("Globex Corporation", "organization", "client"),
            new Party("Maria Garcia", "person", "consultant"));
    assertThat(facts.keyDates())
        .containsExactly(
            new KeyDate("March 1, 2024", "2024-03-01", "entered"),
            new KeyDate("2025-02-28", "2025-02-28", "termination"));
    assertThat(facts.jurisdiction()).isEqualTo("the State of Delaware");
  }

  @Test
  void givesOneJsonObjectThatTheShippedSchemaAccepts() throws Exception {
    String json = extractor().extract(withRulesEntities(LegalSamples.CONTRACT)).toJson();

    assertThat(DocumentFactsJson.problems(json)).isEmpty();
    assertThat(json).startsWith("{\"document_type\":\"contract\",\"parties\":[");
    assertThat(DocumentFactsJson.read(json).toJson()).isEqualTo(json);
  }

  @Test
  void givesTheSameFactsForTheSameDocument() throws Exception {
    StructuredInput input = withRulesEntities(LegalSamples.COMPLAINT);

    assertThat(extractor().extract(input)).isEqualTo(extractor().extract(input));
  }

  @Test
  void callsADocumentWithoutKeywordsOther() throws Exception {
    DocumentFacts facts = extractor().extract(withRulesEntities("Shopping list: apples, pears."));

    assertThat(facts)
        .isEqualTo(new DocumentFacts(DocumentType.OTHER, List.of(), List.of(), List.of(), null));
  }
}
