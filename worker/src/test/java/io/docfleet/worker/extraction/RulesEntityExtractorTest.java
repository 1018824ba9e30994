package io.docfleet.worker.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.docfleet.document.Chunk;
import io.docfleet.document.Entity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules extractor finds every entity type of a sample legal text at the expected offsets. */
class RulesEntityExtractorTest {
  private static final String TEXT = LegalSamples.COMPLAINT;
  private static final int CHUNK_START = 1000;

  private final List<Entity> entities =
      new RulesEntityExtractor()
          .extract(new Chunk("3-abc", 3, CHUNK_START, CHUNK_START + TEXT.length(), "sha", TEXT));

  @Test
  void findsEveryEntityTypeAtItsOffsetInTheWholeDocument() {
    assertThat(entities)
        .extracting(Entity::type, Entity::text, Entity::start)
        .containsExactly(
            at("court", "UNITED STATES DISTRICT COURT"),
            at("court", "United States District Court for the Southern District of New York"),
            at("person", "JOHN DOE"),
            at("organization", "ACME WIDGETS, INC."),
            at("case_number", "1:23-cv-04567"),
            at("person", "John Doe"),
            at("organization", "Acme Widgets, Inc."),
            at("organization", "First National Bank"),
            at("statute", "42 U.S.C. § 1983"),
            at("statute", "Section 10(b) of the Securities Exchange Act\nof 1934"),
            at("statute", "Cal. Civ. Code § 1542"),
            at("statute", "Fed. R. Civ. P. 12(b)(6)"),
            at("statute", "17 C.F.R. § 240.10b-5"),
            at("date", "January 5, 2024"),
            at("money", "$1,250,000.00"),
            at("person", "Smith", "Mr. Smith"),
            at("money", "USD 3,000"),
            at("date", "2024-01-05"),
            at("money", "EUR 12.50"),
            at("date", "05/01/2024"),
            at("money", "1.5 million dollars"),
            at("date", "5 January 2024"),
            at("person", "Jane Smith"),
            at("court", "Supreme Court of California"),
            at("court", "Court of\nAppeals for the Ninth Circuit"),
            at("case_number", "22-1234"),
            at("case_number", "CV-2023-001234"),
            at("email", "jane.roe@example.com"),
            at("phone", "(212) 555-0100"),
            at("phone", "+44 20 7946 0958"),
            at("organization", "Stanford University"),
            at("organization", "Bank of America, N.A."));
  }

  @Test
  void everyEntityIsTheTextAtItsOffsets() {
    String document = " ".repeat(CHUNK_START) + TEXT;
    assertThat(entities)
        .allSatisfy(e -> assertThat(document.substring(e.start(), e.end())).isEqualTo(e.text()))
        .extracting(Entity::extractor)
        .containsOnly("rules");
  }

  @Test
  void anInvoiceNumberIsNoCaseNumber() {
    assertThat(entities).extracting(Entity::text).doesNotContain("2024-0001");
  }

  @Test
  void findsTheContractsPartiesDatesAndAmounts() {
    List<Entity> found =
        new RulesEntityExtractor()
            .extract(
                new Chunk(
                    "0-x", 0, 0, LegalSamples.CONTRACT.length(), "sha", LegalSamples.CONTRACT));

    assertThat(found)
        .extracting(Entity::type, Entity::text)
        .contains(
            tuple("date", "March 1, 2024"),
            tuple("organization", "Globex Corporation"),
            tuple("person", "Maria Garcia"),
            tuple("money", "$12,500.00"),
            tuple("date", "2025-02-28"));
  }

  /** The entity with its offset in the whole document; {@code context} locates it when needed. */
  private static org.assertj.core.groups.Tuple at(String type, String text) {
    return at(type, text, text);
  }

  private static org.assertj.core.groups.Tuple at(String type, String text, String context) {
    int index = TEXT.indexOf(context);
    assertThat(index).as("sample holds %s", context).isNotNegative();
    return tuple(type, text, CHUNK_START + index + context.indexOf(text));
  }
}
