package io.docfleet.worker.pipeline;

import io.docfleet.worker.metrics.ProviderLatencies;
import io.docfleet.worker.provider.ProviderException;
import java.util.concurrent.Callable;

/**
 * Times one provider call for the latency histograms. A call that returned, or failed, counts (a
 * failed one also as an error); one that the fleet's rate limit held back was never sent, and one
 * that found its job still running is a wait, not a result: neither counts.
 */
final class ProviderTiming {
  private ProviderTiming() {}

  static <T> T time(
      ProviderLatencies latencies, String provider, String operation, Callable<T> call)
      throws Exception {
    long start = latencies.now();
    try {
      T result = call.call();
      latencies.record(provider, operation, latencies.now() - start, false);
      return result;
    } catch (ProviderException.OverRateLimit | StageHandler.PollAgain e) {
      throw e;
    } catch (Exception e) {
      latencies.record(provider, operation, latencies.now() - start, true);
      throw e;
    }
  }
}
