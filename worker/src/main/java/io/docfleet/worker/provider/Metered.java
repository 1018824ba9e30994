package io.docfleet.worker.provider;

import java.util.List;

/**
 * An engine's result with what its provider calls billed: one {@link ProviderUsage} per paid call,
 * none for a local engine.
 */
public record Metered<T>(T result, List<ProviderUsage> usage) {
  public Metered {
    usage = List.copyOf(usage);
  }

  /** A result that cost nothing. */
  public static <T> Metered<T> free(T result) {
    return new Metered<>(result, List.of());
  }
}
