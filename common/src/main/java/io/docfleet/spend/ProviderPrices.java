package io.docfleet.spend;

import io.docfleet.config.Env;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The unit prices of the paid providers, by provider and item (the model of a call that names one,
 * else its operation): the defaults as published on {@link #DEFAULTS_AS_OF}, overridden entry by
 * entry by {@code PROVIDER_PRICES} (inline, {@link PriceSyntax}) and {@code PROVIDER_PRICES_FILE}
 * (JSON). A call whose item has no price costs 0, with a warning logged once: a missing price never
 * fails a document.
 */
public record ProviderPrices(Map<String, Price> entries) {
  private static final Logger log = LoggerFactory.getLogger(ProviderPrices.class);
  private static final Set<String> warned = ConcurrentHashMap.newKeySet();

  /** The date of the default prices, as published by AWS and OpenAI. */
  public static final LocalDate DEFAULTS_AS_OF = LocalDate.of(2026, 12, 7);

  /** Unit names: what the ledger's {@code units} and {@code price} hold. */
  public static final String PAGES = "pages";

  public static final String INPUT_TOKENS = "input_tokens";
  public static final String CACHED_INPUT_TOKENS = "cached_input_tokens";
  public static final String OUTPUT_TOKENS = "output_tokens";

  /** The {@code price} field that holds the price's date. */
  public static final String AS_OF = "as_of";

  /** The {@code price} field of a call that had no price (and cost 0). */
  public static final String UNPRICED = "unpriced";

  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  /** One item's prices: USD per unit by unit name, and their date. */
  public record Price(Map<String, BigDecimal> perUnit, LocalDate asOf) {
    public Price {
      perUnit = Map.copyOf(perUnit);
      Objects.requireNonNull(asOf, "asOf");
    }

    /** As the ledger's {@code price} column holds it. */
    public Map<String, String> asRow() {
      Map<String, String> row = new TreeMap<>();
      perUnit.forEach((unit, usd) -> row.put(unit, usd.stripTrailingZeros().toPlainString()));
      row.put(AS_OF, asOf.toString());
      return row;
    }
  }

  /** What one call costs: USD, and the price applied as the ledger records it. */
  public record Cost(BigDecimal usd, Map<String, String> price) {}

  public ProviderPrices {
    entries = Map.copyOf(entries);
  }

  /** The defaults: Textract's text detection and the OpenAI models docfleet is used with. */
  public static ProviderPrices defaults() {
    Map<String, Price> prices = new LinkedHashMap<>();
    Price page = new Price(Map.of(PAGES, new BigDecimal("0.0015")), DEFAULTS_AS_OF);
    prices.put(key("textract", "detect_document_text"), page);
    prices.put(key("textract", "start_document_text_detection"), page);
    openAi(prices, "gpt-4o-mini", "0.15", "0.075", "0.60");
    openAi(prices, "gpt-4o", "2.50", "1.25", "10.00");
    openAi(prices, "gpt-4.1-mini", "0.40", "0.10", "1.60");
    openAi(prices, "gpt-4.1", "2.00", "0.50", "8.00");
    return new ProviderPrices(prices);
  }

  /**
   * The defaults, overridden by {@code PROVIDER_PRICES_FILE} and then {@code PROVIDER_PRICES}; an
   * override without {@code as_of} is dated {@code today}.
   *
   * @throws io.docfleet.config.ConfigException naming the variable and what it expects
   */
  public static ProviderPrices fromEnv(Env env, LocalDate today) {
    Map<String, Price> prices = new LinkedHashMap<>(defaults().entries());
    env.get("PROVIDER_PRICES_FILE")
        .filter(file -> !file.isBlank())
        .ifPresent(file -> merge(prices, PriceSyntax.file("PROVIDER_PRICES_FILE", file, today)));
    env.get("PROVIDER_PRICES")
        .filter(inline -> !inline.isBlank())
        .ifPresent(inline -> merge(prices, PriceSyntax.inline("PROVIDER_PRICES", inline, today)));
    return new ProviderPrices(prices);
  }

  /** An override replaces the units it names, keeps the others, and dates the item. */
  private static void merge(Map<String, Price> prices, Map<String, Price> overrides) {
    overrides.forEach(
        (item, override) -> {
          Map<String, BigDecimal> units = new LinkedHashMap<>();
          Price before = prices.get(item);
          if (before != null) {
            units.putAll(before.perUnit());
          }
          units.putAll(override.perUnit());
          prices.put(item, new Price(units, override.asOf()));
        });
  }

  /**
   * What a call with these units costs at these prices. Input tokens that were cached are charged
   * at the cached-input price (the input price where there is none), the rest at the input price.
   */
  public Cost cost(String provider, String operation, String model, Map<String, Long> units) {
    String item = model != null && !model.isBlank() ? model : operation;
    Price price = entries.get(key(provider, item));
    if (price == null) {
      if (warned.add(key(provider, item))) {
        log.warn(
            "no price for {} {} in PROVIDER_PRICES: its calls are recorded at 0 USD; add one"
                + " (README, the spend ledger)",
            provider,
            item);
      }
      return new Cost(BigDecimal.ZERO, Map.of(UNPRICED, "true"));
    }
    BigDecimal usd = BigDecimal.ZERO;
    long cached = units.getOrDefault(CACHED_INPUT_TOKENS, 0L);
    for (Map.Entry<String, Long> unit : units.entrySet()) {
      long count = unit.getValue();
      BigDecimal each = price.perUnit().get(unit.getKey());
      if (unit.getKey().equals(INPUT_TOKENS)) {
        count -= cached;
      } else if (unit.getKey().equals(CACHED_INPUT_TOKENS) && each == null) {
        each = price.perUnit().get(INPUT_TOKENS);
      }
      if (each != null) {
        usd = usd.add(each.multiply(BigDecimal.valueOf(count)));
      }
    }
    return new Cost(usd, price.asRow());
  }

  /** The key of an item's price: {@code <provider>:<model or operation>}. */
  static String key(String provider, String item) {
    return provider + ":" + item;
  }

  private static void openAi(
      Map<String, Price> prices, String model, String input, String cached, String output) {
    prices.put(
        key("openai", model),
        new Price(
            Map.of(
                INPUT_TOKENS, perMillion(input),
                CACHED_INPUT_TOKENS, perMillion(cached),
                OUTPUT_TOKENS, perMillion(output)),
            DEFAULTS_AS_OF));
  }

  private static BigDecimal perMillion(String usd) {
    return new BigDecimal(usd).divide(MILLION);
  }
}
