package io.docfleet.spend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docfleet.config.ConfigException;
import io.docfleet.spend.ProviderPrices.Price;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads price overrides. Inline ({@code PROVIDER_PRICES}): comma-separated {@code <provider>:<model
 * or operation>:<unit>=<USD>[/1K|/1M]}, and optionally {@code as_of=YYYY-MM-DD}; units {@code
 * input}, {@code cached_input}, {@code output} (tokens) and {@code page} (or their ledger names). A
 * file ({@code PROVIDER_PRICES_FILE}): {@code {"as_of": "YYYY-MM-DD", "prices":
 * {"<provider>:<item>": {"<unit>": "<USD>[/1K|/1M]"}}}}.
 */
final class PriceSyntax {
  static final String INLINE_FORM =
      "comma-separated <provider>:<model or operation>:<unit>=<USD>[/1K|/1M] (units input,"
          + " cached_input, output, page) and optionally as_of=YYYY-MM-DD";
  static final String FILE_FORM =
      "a JSON file {\"as_of\": \"YYYY-MM-DD\", \"prices\": {\"<provider>:<model or operation>\":"
          + " {\"<unit>\": \"<USD>[/1K|/1M]\"}}} (units input, cached_input, output, page)";

  private static final ObjectMapper JSON = new ObjectMapper();

  private PriceSyntax() {}

  static Map<String, Price> inline(String variable, String value, LocalDate today) {
    LocalDate asOf = today;
    Map<String, Map<String, BigDecimal>> units = new LinkedHashMap<>();
    for (String part : value.split(",")) {
      String entry = part.trim();
      if (entry.isEmpty()) {
        continue;
      }
      int equals = entry.indexOf('=');
      if (equals < 0) {
        throw new ConfigException(variable, INLINE_FORM, entry);
      }
      String name = entry.substring(0, equals).trim();
      String amount = entry.substring(equals + 1).trim();
      if (name.equals(ProviderPrices.AS_OF)) {
        asOf = date(variable, amount, INLINE_FORM);
        continue;
      }
      int first = name.indexOf(':');
      int last = name.lastIndexOf(':');
      if (first <= 0 || last <= first + 1 || last == name.length() - 1) {
        throw new ConfigException(variable, INLINE_FORM, entry);
      }
      String item = name.substring(0, last);
      units
          .computeIfAbsent(item, k -> new LinkedHashMap<>())
          .put(unit(variable, name.substring(last + 1), INLINE_FORM), usd(variable, amount));
    }
    return prices(units, asOf);
  }

  static Map<String, Price> file(String variable, String file, LocalDate today) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(Path.of(file)));
    } catch (IOException | RuntimeException e) {
      throw new ConfigException(
          variable + ": expected " + FILE_FORM + "; " + file + " cannot be read: " + e);
    }
    LocalDate asOf =
        root.hasNonNull(ProviderPrices.AS_OF)
            ? date(variable, root.get(ProviderPrices.AS_OF).asText(), FILE_FORM)
            : today;
    JsonNode prices = root.path("prices");
    if (!prices.isObject()) {
      throw new ConfigException(variable, FILE_FORM, root.toString());
    }
    Map<String, Map<String, BigDecimal>> units = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> items = prices.fields(); items.hasNext(); ) {
      Map.Entry<String, JsonNode> item = items.next();
      if (item.getKey().indexOf(':') <= 0 || !item.getValue().isObject()) {
        throw new ConfigException(variable, FILE_FORM, item.getKey());
      }
      Map<String, BigDecimal> ofItem =
          units.computeIfAbsent(item.getKey(), k -> new LinkedHashMap<>());
      item.getValue()
          .fields()
          .forEachRemaining(
              unit ->
                  ofItem.put(
                      unit(variable, unit.getKey(), FILE_FORM),
                      usd(variable, unit.getValue().asText())));
    }
    return prices(units, asOf);
  }

  private static Map<String, Price> prices(
      Map<String, Map<String, BigDecimal>> units, LocalDate asOf) {
    Map<String, Price> prices = new LinkedHashMap<>();
    units.forEach((item, ofItem) -> prices.put(item, new Price(ofItem, asOf)));
    return prices;
  }

  /** A unit's ledger name. */
  private static String unit(String variable, String unit, String form) {
    return switch (unit.trim()) {
      case "input", ProviderPrices.INPUT_TOKENS -> ProviderPrices.INPUT_TOKENS;
      case "cached_input", ProviderPrices.CACHED_INPUT_TOKENS -> ProviderPrices.CACHED_INPUT_TOKENS;
      case "output", ProviderPrices.OUTPUT_TOKENS -> ProviderPrices.OUTPUT_TOKENS;
      case "page", ProviderPrices.PAGES -> ProviderPrices.PAGES;
      default -> throw new ConfigException(variable, form, unit);
    };
  }

  /** USD per unit from {@code 0.15/1M}, {@code 0.5/1K} or {@code 0.0015}. */
  private static BigDecimal usd(String variable, String amount) {
    String number = amount.trim();
    BigDecimal per = BigDecimal.ONE;
    int slash = number.indexOf('/');
    if (slash >= 0) {
      per =
          switch (number.substring(slash + 1).trim().toUpperCase(java.util.Locale.ROOT)) {
            case "1M" -> BigDecimal.valueOf(1_000_000);
            case "1K" -> BigDecimal.valueOf(1_000);
            default -> throw new ConfigException(variable, "a price such as 0.15/1M", amount);
          };
      number = number.substring(0, slash).trim();
    }
    try {
      BigDecimal usd = new BigDecimal(number);
      if (usd.signum() < 0) {
        throw new ConfigException(variable, "a price of 0 USD or more", amount);
      }
      return usd.divide(per);
    } catch (NumberFormatException e) {
      throw new ConfigException(variable, "a price in USD such as 0.15/1M or 0.0015", amount);
    }
  }

  private static LocalDate date(String variable, String value, String form) {
    try {
      return LocalDate.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new ConfigException(variable, "as_of as YYYY-MM-DD in " + form, value);
    }
  }
}
