package io.docfleet.worker.pipeline;

import io.docfleet.document.DocumentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How far a {@link DocumentBatch} is, read from its documents' {@code doc:state} hashes.
 *
 * @param started documents a worker has begun (they have a state)
 * @param providerCalls provider calls the documents cost so far, all stages
 * @param cacheHits results the documents took from the provider cache so far
 * @param elapsed from submission until the last document ended, or until now while some run
 */
public record BatchProgress(
    int total,
    int started,
    int completed,
    int failed,
    long providerCalls,
    long cacheHits,
    Duration elapsed) {

  /** The progress the states show, for a batch submitted at {@code submittedAt}. */
  static BatchProgress of(List<Map<String, String>> states, Instant submittedAt, Instant now) {
    int started = 0;
    int completed = 0;
    int failed = 0;
    long calls = 0;
    long hits = 0;
    long lastEnd = Long.MIN_VALUE;
    for (Map<String, String> state : states) {
      if (state.isEmpty()) {
        continue;
      }
      started++;
      String status = state.getOrDefault("status", "");
      completed += status.equals(DocumentStatus.COMPLETED.wireName()) ? 1 : 0;
      failed += status.equals(DocumentStatus.FAILED.wireName()) ? 1 : 0;
      calls += number(state, "provider_calls");
      hits += number(state, "cache_hits");
      lastEnd = Math.max(lastEnd, number(state, "updated_at"));
    }
    boolean ended = completed + failed == states.size();
    Instant end = ended && lastEnd > Long.MIN_VALUE ? Instant.ofEpochMilli(lastEnd) : now;
    Duration elapsed = Duration.between(submittedAt, end);
    return new BatchProgress(
        states.size(),
        started,
        completed,
        failed,
        calls,
        hits,
        elapsed.isNegative() ? Duration.ZERO : elapsed);
  }

  /** True when every document completed or failed. */
  public boolean ended() {
    return completed + failed == total;
  }

  /** Documents ended per second over {@link #elapsed}. */
  public double documentsPerSecond() {
    return (completed + failed) / Math.max(elapsed.toNanos() / 1e9, 1e-3);
  }

  /** A counter or timestamp field of a {@code doc:state} hash; 0 when absent or not a number. */
  public static long number(Map<String, String> state, String field) {
    String value = state.get(field);
    if (value == null || value.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
