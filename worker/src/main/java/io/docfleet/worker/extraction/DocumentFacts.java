package io.docfleet.worker.extraction;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The structured facts of one document, as the JSON object of {@code document-facts.schema.json}:
 * its type, parties, key dates, amounts and jurisdiction (null when unknown).
 */
public record DocumentFacts(
    @JsonProperty("document_type") DocumentType documentType,
    @JsonProperty("parties") List<Party> parties,
    @JsonProperty("key_dates") List<KeyDate> keyDates,
    @JsonProperty("amounts") List<Amount> amounts,
    @JsonProperty("jurisdiction") String jurisdiction) {

  public DocumentFacts {
    Objects.requireNonNull(documentType, "documentType");
    parties = List.copyOf(parties);
    keyDates = List.copyOf(keyDates);
    amounts = List.copyOf(amounts);
  }

  /** The one JSON object of this document, checked against the schema. */
  public String toJson() {
    return DocumentFactsJson.write(this);
  }

  /** The kinds of document told apart. */
  public enum DocumentType {
    @JsonProperty("contract")
    CONTRACT,
    @JsonProperty("court_filing")
    COURT_FILING,
    @JsonProperty("invoice")
    INVOICE,
    @JsonProperty("letter")
    LETTER,
    @JsonProperty("other")
    OTHER
  }

  /** A person or organisation the document is between or about; role null when not stated. */
  public record Party(
      @JsonProperty("name") String name,
      @JsonProperty("kind") String kind,
      @JsonProperty("role") String role) {}

  /** A date as written, as YYYY-MM-DD when unambiguous, and what it is (label) when stated. */
  public record KeyDate(
      @JsonProperty("text") String text,
      @JsonProperty("date") String date,
      @JsonProperty("label") String label) {}

  /** An amount as written, its value, and its ISO 4217 currency when stated. */
  public record Amount(
      @JsonProperty("text") String text,
      @JsonProperty("value") BigDecimal value,
      @JsonProperty("currency") String currency) {}
}
