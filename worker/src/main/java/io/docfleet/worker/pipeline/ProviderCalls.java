package io.docfleet.worker.pipeline;

import io.docfleet.cache.CachePointer;
import io.docfleet.cache.ContentKey;
import io.docfleet.worker.provider.ProviderException;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one run of a stage cost, counted the same way by the stages that use it: a provider call
 * when it is sent (a call of a run that then fails was still paid for; one that the fleet's rate
 * limit held back was not sent), and a cache hit for every result the cache answered. Added to the
 * document's {@code provider_calls} and {@code cache_hits} when the run ends, however it ends.
 */
final class ProviderCalls implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ProviderCalls.class);

  private final PipelineContext ctx;
  private final String documentId;
  private final String provider;
  private final String operation;
  private long calls;
  private long hits;

  /** The calls of one run to {@code provider} (an engine's name) for {@code operation}. */
  ProviderCalls(PipelineContext ctx, String documentId, String provider, String operation) {
    this.ctx = ctx;
    this.documentId = documentId;
    this.provider = provider;
    this.operation = operation;
  }

  /** Results that a batch read of the cache answered. */
  void answeredByCache(int results) {
    hits += results;
  }

  /** The cached result for {@code key}, else the provider's, through the cache's single flight. */
  String getOrCall(ContentKey key, CachePointer pointer, Callable<String> call) throws Exception {
    boolean[] computed = new boolean[1];
    String result =
        ctx.cache()
            .getOrCompute(
                key,
                pointer,
                () -> {
                  computed[0] = true;
                  calls++;
                  try {
                    return ProviderTiming.time(ctx.latencies(), provider, operation, call);
                  } catch (ProviderException.OverRateLimit e) {
                    calls--;
                    throw e;
                  }
                });
    if (!computed[0]) {
      hits++;
    }
    return result;
  }

  @Override
  public void close() {
    if (calls == 0 && hits == 0) {
      return;
    }
    try {
      ctx.states().count(documentId, calls, hits);
    } catch (RuntimeException e) {
      log.warn("could not count the provider calls of document {}: {}", documentId, e.toString());
    }
  }
}
