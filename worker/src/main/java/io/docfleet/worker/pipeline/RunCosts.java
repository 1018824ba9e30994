package io.docfleet.worker.pipeline;

/**
 * What one run of a stage cost so far: provider calls sent and results the cache answered. The run
 * adds to it as it goes; the document's {@code provider_calls} and {@code cache_hits} get it in the
 * same Redis round trip as the stage's end, or on their own when the run ends otherwise.
 */
final class RunCosts {
  private long calls;
  private long hits;

  synchronized void called() {
    calls++;
  }

  /** A call counted as sent that the fleet's rate limit held back after all. */
  synchronized void notCalled() {
    calls--;
  }

  synchronized void answeredByCache(long results) {
    hits += results;
  }

  synchronized long calls() {
    return calls;
  }

  synchronized long hits() {
    return hits;
  }

  synchronized boolean isEmpty() {
    return calls == 0 && hits == 0;
  }

  /** The costs were written: nothing is left to write. */
  synchronized void written() {
    calls = 0;
    hits = 0;
  }
}
