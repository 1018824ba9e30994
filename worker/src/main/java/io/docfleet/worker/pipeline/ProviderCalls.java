package io.docfleet.worker.pipeline;

import io.docfleet.cache.CachePointer;
import io.docfleet.cache.ContentKey;
import io.docfleet.worker.provider.ProviderException;
import java.util.concurrent.Callable;

/**
 * The provider calls of one run of a stage, counted the same way by the stages that use it: a
 * provider call when it is sent (a call of a run that then fails was still paid for; one that the
 * fleet's rate limit held back was not sent), and a cache hit for every result the cache answered.
 * The counts go to the run's {@link RunCosts}, written to the document however the run ends.
 */
final class ProviderCalls {
  private final PipelineContext pipeline;
  private final RunCosts costs;
  private final String provider;
  private final String operation;

  /** The calls of one run to {@code provider} (an engine's name) for {@code operation}. */
  ProviderCalls(PipelineContext pipeline, RunCosts costs, String provider, String operation) {
    this.pipeline = pipeline;
    this.costs = costs;
    this.provider = provider;
    this.operation = operation;
  }

  /** Results that a batch read of the cache answered. */
  void answeredByCache(int results) {
    costs.answeredByCache(results);
  }

  /** The cached result for {@code key}, else the provider's, through the cache's single flight. */
  String getOrCall(ContentKey key, CachePointer pointer, Callable<String> call) throws Exception {
    boolean[] computed = new boolean[1];
    String result =
        pipeline
            .cache()
            .getOrCompute(
                key,
                pointer,
                () -> {
                  computed[0] = true;
                  costs.called();
                  try {
                    return ProviderTiming.time(pipeline.latencies(), provider, operation, call);
                  } catch (ProviderException.OverRateLimit e) {
                    costs.notCalled();
                    throw e;
                  }
                });
    if (!computed[0]) {
      costs.answeredByCache(1);
    }
    return result;
  }
}
