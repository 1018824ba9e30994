package io.docfleet.spend;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One row of a spend report: its group's keys (by dimension, in the order asked; a null value is
 * none, as a Textract call's model), what the provider calls cost ({@code spentUsd}, {@code calls},
 * the billed {@code units}) and what cache hits avoided ({@code savedUsd}, {@code cachedCalls},
 * {@code cachedUnits}). Money is the exact sum of the ledger's {@code numeric} costs.
 */
public record SpendRow(
    Map<SpendDimension, String> keys,
    BigDecimal spentUsd,
    BigDecimal savedUsd,
    long calls,
    long cachedCalls,
    Map<String, Long> units,
    Map<String, Long> cachedUnits) {

  public SpendRow {
    keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    units = Collections.unmodifiableMap(new TreeMap<>(units));
    cachedUnits = Collections.unmodifiableMap(new TreeMap<>(cachedUnits));
  }

  /** No call and no cache hit: what an empty range adds up to. */
  public static SpendRow none() {
    return new SpendRow(Map.of(), BigDecimal.ZERO, BigDecimal.ZERO, 0, 0, Map.of(), Map.of());
  }

  /**
   * {@code usd} as the API and CLI write money: a decimal string, exact, with 2 to 10 decimals
   * ({@code "0.00"}, {@code "1.50"}, {@code "0.0000375"}), never a binary float.
   */
  public static String money(BigDecimal usd) {
    BigDecimal stripped = usd.stripTrailingZeros();
    return stripped.scale() < 2 ? usd.setScale(2).toPlainString() : stripped.toPlainString();
  }
}
