package io.docfleet.worker.pipeline;

import io.docfleet.cache.CacheLookup;
import io.docfleet.cache.CachePointer;
import io.docfleet.cache.ContentKey;
import io.docfleet.cache.ProviderCache;
import io.docfleet.worker.provider.ProviderException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The provider calls of one run of a stage, counted the same way by the stages that use it: a
 * provider call when it is sent (a call of a run that then fails was still paid for; one that the
 * fleet's rate limit held back was not sent), and a cache hit for every result the cache answered,
 * once all of the run's results are in (a run that fails midway reads them again when it runs
 * again). The counts go to the run's {@link RunCosts}, written to the document however the run
 * ends.
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

  /**
   * The cached result for {@code key}, else the provider's, through the cache's single flight; read
   * by {@code reader}, and a cached one it cannot read is called for again.
   */
  <T> T getOrCall(
      ContentKey key, CachePointer pointer, Callable<String> call, ProviderCache.Reader<T> reader)
      throws Exception {
    return getOrCallAll(List.of(new CacheLookup(key, pointer)), lookup -> call.call(), reader)
        .get(0);
  }

  /**
   * The result of every lookup, in order: the cached ones read in one round trip, each missing one
   * (or one that {@code reader} cannot read) from the provider through the cache's single flight.
   */
  <T> List<T> getOrCallAll(
      List<CacheLookup> lookups, ProviderCache.Compute call, ProviderCache.Reader<T> reader)
      throws Exception {
    AtomicInteger computed = new AtomicInteger();
    List<T> results =
        pipeline
            .cache()
            .getOrComputeAll(
                lookups,
                lookup -> {
                  computed.incrementAndGet();
                  costs.called();
                  try {
                    return ProviderTiming.time(
                        pipeline.latencies(), provider, operation, () -> call.result(lookup));
                  } catch (ProviderException.OverRateLimit e) {
                    costs.notCalled();
                    throw e;
                  }
                },
                reader);
    costs.answeredByCache(lookups.size() - computed.get());
    return results;
  }
}
