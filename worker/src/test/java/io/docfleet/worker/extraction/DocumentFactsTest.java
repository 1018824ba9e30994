package io.docfleet.worker.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The shipped schema, the JSON form of the facts, and the rules' normalisers. */
class DocumentFactsTest {
  @Test
  void theSchemaRejectsWhatItDoesNotDescribe() {
    String valid =
        "{\"document_type\":\"invoice\",\"parties\":[],\"key_dates\":[],\"amounts\":[],"
            + "\"jurisdiction\":null}";
    assertThat(DocumentFactsJson.problems(valid)).isEmpty();

    assertThat(DocumentFactsJson.problems(valid.replace("null}", "null,\"extra\":1}")))
        .singleElement()
        .asString()
        .contains("extra");
    assertThat(DocumentFactsJson.problems(valid.replace(",\"jurisdiction\":null", "")))
        .singleElement()
        .asString()
        .contains("jurisdiction");
    assertThat(
            DocumentFactsJson.problems(
                valid.replace(
                    "\"key_dates\":[]",
                    "\"key_dates\":[{\"text\":\"soon\",\"date\":\"next week\",\"label\":null}]")))
        .singleElement()
        .asString()
        .contains("date");
    assertThat(DocumentFactsJson.problems("{not json"))
        .singleElement()
        .asString()
        .startsWith("not JSON");
  }

  @Test
  void readingInvalidJsonSaysWhatIsWrong() {
    assertThatThrownBy(() -> DocumentFactsJson.read("{\"document_type\":\"memo\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not valid document facts");
  }

  @Test
  void datesBecomeIsoOnlyWhenUnambiguous() {
    assertThat(KeyDates.toIso("January 5, 2024")).isEqualTo("2024-01-05");
    assertThat(KeyDates.toIso("Sept. 30, 2023")).isEqualTo("2023-09-30");
    assertThat(KeyDates.toIso("5th day of March, 2024")).isEqualTo("2024-03-05");
    assertThat(KeyDates.toIso("13/01/2024")).isEqualTo("2024-01-13");
    assertThat(KeyDates.toIso("01/13/2024")).isEqualTo("2024-01-13");
    assertThat(KeyDates.toIso("05/01/2024")).isNull();
    assertThat(KeyDates.toIso("05.01.2024")).isEqualTo("2024-01-05");
    assertThat(KeyDates.toIso("February 30, 2024")).isNull();
  }

  @Test
  void amountsGetTheirValueAndCurrency() {
    assertThat(Amounts.value("$1,250,000.00")).isEqualByComparingTo("1250000");
    assertThat(Amounts.value("1.5 million dollars")).isEqualTo(new BigDecimal("1500000"));
    assertThat(Amounts.value("EUR 12.50")).isEqualTo(new BigDecimal("12.50"));
    assertThat(Amounts.currency("£300")).isEqualTo("GBP");
    assertThat(Amounts.currency("CHF 40")).isEqualTo("CHF");
    assertThat(Amounts.currency("300")).isNull();
  }
}
