package io.docfleet.worker.pipeline;

import io.docfleet.worker.metrics.ProviderLatencies;
import io.docfleet.worker.provider.ProviderException;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * Times one provider call for the latency histograms. A call that returned, or failed, counts (a
 * failed one also as an error); one that the fleet's rate limit held back was never sent, one that
 * found its job still running is a wait, not a result, and one that took a finished job's kept
 * pages asked the provider nothing: none of them counts.
 */
final class ProviderTiming {
  private ProviderTiming() {}

  static <T> T time(
      ProviderLatencies latencies, String provider, String operation, Callable<T> call)
      throws Exception {
    return time(latencies, provider, operation, call, result -> true);
  }

  /**
   * As {@link #time(ProviderLatencies, String, String, Callable)}, for a call that may return
   * without asking the provider (a job's kept pages): only a result that {@code sent} says came
   * from the provider counts.
   */
  static <T> T time(
      ProviderLatencies latencies,
      String provider,
      String operation,
      Callable<T> call,
      Predicate<T> sent)
      throws Exception {
    long start = latencies.now();
    try {
      T result = call.call();
      if (sent.test(result)) {
        latencies.record(provider, operation, latencies.now() - start, false);
      }
      return result;
    } catch (ProviderException.OverRateLimit | StageHandler.PollAgain e) {
      throw e;
    } catch (Exception e) {
      latencies.record(provider, operation, latencies.now() - start, true);
      throw e;
    }
  }
}
