package io.docfleet.worker.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docfleet.worker.provider.ProviderUsage;
import java.util.List;

/**
 * A provider's result as the cache keeps it, with what the call that made it billed, so a later hit
 * can be recorded as the call it avoided: {@code #usage <JSON list>\n<result>}. Results are JSON
 * (an object or a list), so an entry written before the ledger existed never starts with {@code #}:
 * it reads as it is, with no usage (its hits are recorded with zero units).
 */
final class CachedUsage {
  private static final String PREFIX = "#usage ";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<ProviderUsage>> USAGE = new TypeReference<>() {};

  private CachedUsage() {}

  /** A cached value and the usage that came with it (empty for an entry without one). */
  record Read<T>(T result, List<ProviderUsage> usage, boolean hadUsage) {}

  /**
   * The value to cache: the result, with its usage when the engine is {@code paid} (an empty list
   * too, so its hits are not taken for an entry written before the ledger) or billed anything.
   */
  static String wrap(String result, List<ProviderUsage> usage, boolean paid) {
    if (usage.isEmpty() && !paid) {
      return result;
    }
    try {
      return PREFIX + JSON.writeValueAsString(usage) + "\n" + result;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("usage cannot be written: " + e, e);
    }
  }

  /** A cached value read back: the result, and the usage stored with it. */
  static Read<String> unwrap(String value) throws JsonProcessingException {
    if (!value.startsWith(PREFIX)) {
      return new Read<>(value, List.of(), false);
    }
    int newline = value.indexOf('\n');
    if (newline < 0) {
      throw new IllegalArgumentException("a cached value's usage line has no end");
    }
    List<ProviderUsage> usage = JSON.readValue(value.substring(PREFIX.length(), newline), USAGE);
    return new Read<>(value.substring(newline + 1), usage, true);
  }
}
