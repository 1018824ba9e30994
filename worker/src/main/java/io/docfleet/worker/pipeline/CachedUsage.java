package io.docfleet.worker.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docfleet.spend.ProviderCall;
import io.docfleet.worker.provider.ProviderUsage;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A provider's result as the cache keeps it, with what the calls that made it billed and at what
 * price, so a later hit is recorded as the calls it avoided, with the units and the price they had:
 *
 * <pre>{@code
 * #usage [{"provider":...,"operation":...,"model":...,"units":{...}}] [{"price":{...},"cost_usd":"0.21"}]
 * <result>
 * }</pre>
 *
 * <p>The first list is the calls' usage, the second (same order) the price and cost each one's
 * ledger row has. A reader of the first list alone, the build before prices were kept, stops after
 * it (Jackson ignores what follows a value), so a fleet in the middle of an upgrade reads every
 * entry and pays for none twice; an entry without the second list is priced when a hit records it.
 * Results are JSON (an object or a list), so an entry written before the ledger existed never
 * starts with {@code #}: it reads as it is, with no usage (its hits are recorded with zero units).
 */
final class CachedUsage {
  private static final String PREFIX = "#usage ";
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private static final TypeReference<List<ProviderUsage>> USAGE = new TypeReference<>() {};
  private static final TypeReference<List<Price>> PRICES = new TypeReference<>() {};

  private CachedUsage() {}

  /** The price a call's ledger row applied and what it cost. */
  record Price(Map<String, String> price, @JsonProperty("cost_usd") BigDecimal costUsd) {}

  /**
   * One call the cached result cost: its usage, and its price when the entry kept it (null in one
   * cached before prices were kept: such a call is priced when a hit records it).
   */
  record Billed(ProviderUsage usage, Price price) {
    /** A call known by its usage alone, to be priced when it is recorded. */
    static Billed unpriced(ProviderUsage usage) {
      return new Billed(usage, null);
    }

    boolean priced() {
      return price != null && price.price() != null && price.costUsd() != null;
    }
  }

  /** A cached value and the calls that came with it (empty for an entry without them). */
  record Read<T>(T result, List<Billed> billed, boolean hadUsage) {}

  /**
   * The value to cache: the result, with the ledger rows of the calls that made it when the engine
   * is {@code paid} (an empty list too, so its hits are not taken for an entry written before the
   * ledger) or billed anything.
   */
  static String wrap(String result, List<ProviderCall> rows, boolean paid) {
    if (rows.isEmpty() && !paid) {
      return result;
    }
    List<ProviderUsage> usage = new ArrayList<>(rows.size());
    List<Price> prices = new ArrayList<>(rows.size());
    for (ProviderCall row : rows) {
      usage.add(new ProviderUsage(row.provider(), row.operation(), row.model(), row.units()));
      prices.add(new Price(row.price(), row.costUsd()));
    }
    try {
      return PREFIX
          + JSON.writeValueAsString(usage)
          + " "
          + JSON.writeValueAsString(prices)
          + "\n"
          + result;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("usage cannot be written: " + e, e);
    }
  }

  /** A cached value read back: the result, and the calls stored with it. */
  static Read<String> unwrap(String value) throws IOException {
    if (!value.startsWith(PREFIX)) {
      return new Read<>(value, List.of(), false);
    }
    int newline = value.indexOf('\n');
    if (newline < 0) {
      throw new IllegalArgumentException("a cached value's usage line has no end");
    }
    List<ProviderUsage> usage;
    List<Price> prices = List.of();
    try (JsonParser line = JSON.createParser(value.substring(PREFIX.length(), newline))) {
      line.nextToken();
      usage = JSON.readValue(line, USAGE);
      if (line.nextToken() != null) {
        prices = JSON.readValue(line, PRICES);
      }
    }
    List<Billed> billed = new ArrayList<>(usage.size());
    for (int i = 0; i < usage.size(); i++) {
      billed.add(new Billed(usage.get(i), prices.size() == usage.size() ? prices.get(i) : null));
    }
    return new Read<>(value.substring(newline + 1), billed, true);
  }
}
