package io.docfleet.worker.pipeline;

import io.docfleet.cache.CacheLookup;
import io.docfleet.cache.CachePointer;
import io.docfleet.cache.ContentKey;
import io.docfleet.cache.ProviderCache;
import io.docfleet.worker.provider.Metered;
import io.docfleet.worker.provider.ProviderException;
import io.docfleet.worker.provider.ProviderUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The provider calls of one run of a stage, counted the same way by the stages that use it: a
 * provider call when it is sent (a call of a run that then fails was still paid for; one that the
 * fleet's rate limit held back was not sent), and a cache hit for every result the cache answered,
 * once all of the run's results are in (a run that fails midway reads them again when it runs
 * again). The counts go to the run's {@link RunCosts}, written to the document however the run
 * ends, with the spend ledger's rows: each paid call's usage when it returns (cached with its
 * result with the price applied, {@link CachedUsage}), and for each hit the calls cached with it,
 * as the calls it avoided, with the units and price they had.
 */
final class ProviderCalls {
  /** A provider call that also says what it billed. */
  @FunctionalInterface
  interface MeteredCall {
    Metered<String> result(CacheLookup lookup) throws Exception;
  }

  /** The engines that bill, by name, with the call an entry cached without usage stood for. */
  private static final Map<String, ProviderUsage> PAID =
      Map.of(
          "openai",
          new ProviderUsage("openai", ProviderUsage.CHAT_COMPLETIONS, null, Map.of()),
          "textract",
          new ProviderUsage("textract", ProviderUsage.DETECT_DOCUMENT_TEXT, null, Map.of()));

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
      ContentKey key,
      CachePointer pointer,
      Callable<Metered<String>> call,
      ProviderCache.Reader<T> reader)
      throws Exception {
    return getOrCallAll(List.of(new CacheLookup(key, pointer)), lookup -> call.call(), reader)
        .get(0);
  }

  /**
   * The result of every lookup, in order: the cached ones read in one round trip, each missing one
   * (or one that {@code reader} cannot read) from the provider through the cache's single flight.
   */
  <T> List<T> getOrCallAll(
      List<CacheLookup> lookups, MeteredCall call, ProviderCache.Reader<T> reader)
      throws Exception {
    Set<CacheLookup> computed = ConcurrentHashMap.newKeySet();
    boolean paid = PAID.containsKey(provider);
    List<CachedUsage.Read<T>> results =
        pipeline
            .cache()
            .getOrComputeAll(
                lookups,
                lookup -> {
                  if (paid) {
                    pipeline.budgetGate().beforePaidCall(costs);
                  }
                  computed.add(lookup);
                  costs.called();
                  Metered<String> result;
                  try {
                    result =
                        ProviderTiming.time(
                            pipeline.latencies(), provider, operation, () -> call.result(lookup));
                  } catch (ProviderException.OverRateLimit e) {
                    costs.notCalled();
                    throw e;
                  } catch (ProviderException e) {
                    costs.paid(e.billed()); // a reply it could not use was still billed
                    throw e;
                  }
                  return CachedUsage.wrap(result.result(), costs.paid(result.usage()), paid);
                },
                value -> read(value, reader));
    List<T> read = new ArrayList<>(results.size());
    for (int i = 0; i < lookups.size(); i++) {
      CachedUsage.Read<T> result = results.get(i);
      if (!computed.contains(lookups.get(i))) {
        costs.avoided(avoided(provider, result));
      }
      read.add(result.result());
    }
    costs.answeredByCache(lookups.size() - computed.size());
    return read;
  }

  /** A cached value as {@code reader} reads it, with the usage cached with it. */
  static <T> CachedUsage.Read<T> read(String value, ProviderCache.Reader<T> reader)
      throws Exception {
    CachedUsage.Read<String> stored = CachedUsage.unwrap(value);
    return new CachedUsage.Read<>(reader.read(stored.result()), stored.billed(), stored.hadUsage());
  }

  /**
   * The calls a hit on {@code read} avoided: those cached with it; for a paid engine's entry cached
   * before the ledger existed, one call with zero units (its units were never known).
   */
  static List<CachedUsage.Billed> avoided(String engine, CachedUsage.Read<?> read) {
    if (read.hadUsage()) {
      return read.billed();
    }
    return Optional.ofNullable(PAID.get(engine))
        .map(usage -> List.of(CachedUsage.Billed.unpriced(usage)))
        .orElse(List.of());
  }

  /** True when {@code engine} bills its calls. */
  static boolean paid(String engine) {
    return PAID.containsKey(engine);
  }
}
