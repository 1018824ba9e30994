package io.docfleet.spend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docfleet.config.ConfigException;
import io.docfleet.config.Env;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The price table: its defaults, the inline and file overrides, and what a call costs. */
class ProviderPricesTest {
  private static final LocalDate TODAY = LocalDate.of(2027, 1, 15);

  @TempDir Path dir;

  private static ProviderPrices from(Map<String, String> env) {
    return ProviderPrices.fromEnv(new Env(env), TODAY);
  }

  private static Map<String, Long> tokens(long input, long cached, long output) {
    return Map.of(
        ProviderPrices.INPUT_TOKENS,
        input,
        ProviderPrices.CACHED_INPUT_TOKENS,
        cached,
        ProviderPrices.OUTPUT_TOKENS,
        output);
  }

  @Test
  void aTextractPageCostsTheDefaultPriceDatedAsPublished() {
    ProviderPrices.Cost cost =
        ProviderPrices.defaults()
            .cost("textract", "detect_document_text", null, Map.of(ProviderPrices.PAGES, 3L));

    assertThat(cost.usd()).isEqualByComparingTo("0.0045");
    assertThat(cost.price()).containsEntry("pages", "0.0015").containsEntry("as_of", "2026-12-07");
  }

  @Test
  void cachedInputTokensAreChargedAtTheCachedPriceAndTheRestAtTheInputPrice() {
    // gpt-4o-mini: 0.15 input, 0.075 cached input, 0.60 output per 1M tokens
    ProviderPrices.Cost cost =
        ProviderPrices.defaults()
            .cost("openai", "chat.completions", "gpt-4o-mini", tokens(1_000_000, 400_000, 0));

    assertThat(cost.usd())
        .isEqualByComparingTo("0.12")
        .isEqualByComparingTo(new BigDecimal("0.12")); // 0.6 x 0.15 + 0.4 x 0.075
    assertThat(
            ProviderPrices.defaults()
                .cost("openai", "chat.completions", "gpt-4o-mini", tokens(0, 0, 1_000_000))
                .usd())
        .isEqualByComparingTo("0.60");
    assertThat(cost.price()).containsEntry("input_tokens", "0.00000015");
  }

  @Test
  void everyDefaultModelHasItsPublishedPrices() {
    assertThat(
            ProviderPrices.defaults().cost("openai", "x", "gpt-4o", tokens(1_000_000, 0, 0)).usd())
        .isEqualByComparingTo("2.50");
    assertThat(
            ProviderPrices.defaults().cost("openai", "x", "gpt-4.1", tokens(0, 0, 1_000_000)).usd())
        .isEqualByComparingTo("8.00");
    assertThat(
            ProviderPrices.defaults()
                .cost("openai", "x", "gpt-4.1-mini", tokens(1_000_000, 1_000_000, 0))
                .usd())
        .isEqualByComparingTo("0.10");
  }

  @Test
  void anInlineOverrideReplacesTheUnitsItNamesKeepsTheOthersAndIsDatedTodayUnlessTold() {
    ProviderPrices prices =
        from(
            Map.of(
                "PROVIDER_PRICES",
                "openai:gpt-4o-mini:input=0.30/1M, textract:detect_document_text:page=0.002,"
                    + "openai:ft:gpt-4o-mini:acme:output=2/1K"));

    ProviderPrices.Cost mini =
        prices.cost("openai", "chat.completions", "gpt-4o-mini", tokens(1_000_000, 0, 1_000_000));
    assertThat(mini.usd()).isEqualByComparingTo("0.90"); // 0.30 + the default 0.60
    assertThat(mini.price()).containsEntry("as_of", "2027-01-15");
    assertThat(prices.cost("textract", "detect_document_text", null, Map.of("pages", 10L)).usd())
        .isEqualByComparingTo("0.02");
    assertThat(prices.cost("openai", "c", "ft:gpt-4o-mini:acme", tokens(0, 0, 1000)).usd())
        .isEqualByComparingTo("2");
    assertThat(
            from(Map.of("PROVIDER_PRICES", "as_of=2027-01-01,openai:gpt-4o:output=9/1M"))
                .cost("openai", "c", "gpt-4o", tokens(0, 0, 1))
                .price())
        .containsEntry("as_of", "2027-01-01");
  }

  @Test
  void aFileOfPricesOverridesTheDefaultsAndTheInlineOneOverridesTheFile() throws Exception {
    Path file = dir.resolve("prices.json");
    Files.writeString(
        file,
        "{\"as_of\": \"2027-01-02\", \"prices\": {\"openai:gpt-5\": {\"input\": \"1.25/1M\","
            + " \"output\": 10}, \"textract:detect_document_text\": {\"page\": \"0.001\"}}}");

    ProviderPrices prices =
        from(
            Map.of(
                "PROVIDER_PRICES_FILE",
                file.toString(),
                "PROVIDER_PRICES",
                "textract:detect_document_text:page=0.003"));

    ProviderPrices.Cost five = prices.cost("openai", "c", "gpt-5", tokens(1_000_000, 0, 1));
    assertThat(five.usd()).isEqualByComparingTo("11.25");
    assertThat(five.price()).containsEntry("as_of", "2027-01-02");
    assertThat(prices.cost("textract", "detect_document_text", null, Map.of("pages", 1L)).usd())
        .isEqualByComparingTo("0.003");
  }

  @Test
  void anUnknownModelCostsNothingAndSaysItHadNoPrice() {
    ProviderPrices.Cost cost =
        ProviderPrices.defaults().cost("openai", "chat.completions", "gpt-9", tokens(10, 0, 10));

    assertThat(cost.usd()).isZero();
    assertThat(cost.price()).containsEntry(ProviderPrices.UNPRICED, "true");
  }

  @Test
  void badInlinePricesFailNamingTheVariableAndWhatItExpects() {
    for (String bad :
        new String[] {
          "openai:gpt-4o-mini:input",
          "openai:input=0.1",
          "openai:gpt-4o-mini:tokens=0.1",
          "openai:gpt-4o-mini:input=cheap",
          "openai:gpt-4o-mini:input=0.1/1G",
          "openai:gpt-4o-mini:input=-1",
          "as_of=yesterday"
        }) {
      assertThatThrownBy(() -> from(Map.of("PROVIDER_PRICES", bad)))
          .as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("PROVIDER_PRICES: expected");
    }
  }

  @Test
  void aBadOrMissingFileFailsNamingTheVariableAndTheFormItExpects() throws Exception {
    Path notJson = Files.writeString(dir.resolve("bad.json"), "openai=1");
    Path noPrices = Files.writeString(dir.resolve("empty.json"), "{\"as_of\": \"2027-01-01\"}");
    for (String file :
        new String[] {
          dir.resolve("missing.json").toString(), notJson.toString(), noPrices.toString()
        }) {
      assertThatThrownBy(() -> from(Map.of("PROVIDER_PRICES_FILE", file)))
          .as(file)
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("PROVIDER_PRICES_FILE: expected")
          .hasMessageContaining("JSON");
    }
  }
}
