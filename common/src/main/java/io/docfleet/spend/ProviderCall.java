package io.docfleet.spend;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One row of the spend ledger ({@code provider_calls}, docs/schema.md): a provider call a stage
 * paid for, or ({@code cached}) one a cache hit avoided, with the units and price the original call
 * had.
 *
 * @param units what the provider bills by: {@code pages} (Textract); {@code input_tokens}, {@code
 *     cached_input_tokens}, {@code output_tokens} (OpenAI)
 * @param price the price applied, as written then (unit name to USD per unit, and {@code as_of})
 * @param costUsd what the call cost, or for a cached one what it would have cost
 */
public record ProviderCall(
    Instant at,
    String documentId,
    String group,
    String stage,
    String taskId,
    String provider,
    String operation,
    String model,
    boolean cached,
    Map<String, Long> units,
    Map<String, String> price,
    BigDecimal costUsd) {

  public ProviderCall {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(operation, "operation");
    units = Map.copyOf(units);
    price = Map.copyOf(price);
    Objects.requireNonNull(costUsd, "costUsd");
  }
}
