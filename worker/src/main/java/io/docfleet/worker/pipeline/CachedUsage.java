package io.docfleet.worker.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docfleet.spend.ProviderCall;
import io.docfleet.worker.provider.ProviderUsage;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A provider's result as the cache keeps it, with what the call that made it billed and at what
 * price, so a later hit can be recorded as the call it avoided, with the units and price the
 * original call had: {@code #usage <JSON list>\n<result>}, one element a billed call ({@link
 * Billed}). Results are JSON (an object or a list), so an entry written before the ledger existed
 * never starts with {@code #}: it reads as it is, with no usage (its hits are recorded with zero
 * units).
 */
final class CachedUsage {
  private static final String PREFIX = "#usage ";
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private static final TypeReference<List<Billed>> BILLED = new TypeReference<>() {};

  private CachedUsage() {}

  /**
   * One call the cached result cost: its units, and the price applied and the cost as its ledger
   * row has them ({@code price} and {@code costUsd} are null in an entry cached before they were
   * kept: such a call is priced when a hit records it).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Billed(
      String provider,
      String operation,
      String model,
      Map<String, Long> units,
      Map<String, String> price,
      @JsonProperty("cost_usd") BigDecimal costUsd) {

    /** The call a ledger row records. */
    static Billed of(ProviderCall row) {
      return new Billed(
          row.provider(), row.operation(), row.model(), row.units(), row.price(), row.costUsd());
    }

    /** A call known by its usage alone, to be priced when it is recorded. */
    static Billed unpriced(ProviderUsage usage) {
      return new Billed(
          usage.provider(), usage.operation(), usage.model(), usage.units(), null, null);
    }

    ProviderUsage usage() {
      return new ProviderUsage(provider, operation, model, units == null ? Map.of() : units);
    }

    boolean priced() {
      return price != null && costUsd != null;
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
    try {
      return PREFIX
          + JSON.writeValueAsString(rows.stream().map(Billed::of).toList())
          + "\n"
          + result;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("usage cannot be written: " + e, e);
    }
  }

  /** A cached value read back: the result, and the calls stored with it. */
  static Read<String> unwrap(String value) throws JsonProcessingException {
    if (!value.startsWith(PREFIX)) {
      return new Read<>(value, List.of(), false);
    }
    int newline = value.indexOf('\n');
    if (newline < 0) {
      throw new IllegalArgumentException("a cached value's usage line has no end");
    }
    List<Billed> billed = JSON.readValue(value.substring(PREFIX.length(), newline), BILLED);
    return new Read<>(value.substring(newline + 1), billed, true);
  }
}
