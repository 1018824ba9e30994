package io.docfleet.cache;

import io.docfleet.cache.RateLimits.Rate;
import io.docfleet.redis.FleetContext;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.redisson.api.RFuture;
import org.redisson.api.RRateLimiter;
import org.redisson.api.RateType;
import org.redisson.api.ratelimiter.RateLimiterArgs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fleet-wide rate limits of provider operations, one Redisson {@link RRateLimiter} per operation
 * ({@code rate:openai:<operation>}, {@code rate:textract:<operation>}), configured from {@code
 * RATE_LIMIT_*} the first time this process uses it (a changed rate applies, the permits in use are
 * kept). A caller over the limit is told how long to wait, so its task waits or is re-scheduled,
 * never failed. When Redis does not answer within {@code CACHE_TIMEOUT} the call goes: the provider
 * answers 429 itself if the fleet really is too fast.
 */
public final class ProviderRateLimits {
  private static final Logger log = LoggerFactory.getLogger(ProviderRateLimits.class);

  private final FleetContext fleet;
  private final RateLimits limits;
  private final Duration timeout;
  private final Map<String, RRateLimiter> configured = new ConcurrentHashMap<>();
  private volatile boolean failing;

  /** Limits kept in {@code fleet}'s Redis (the queue's: rate keys must not be evicted). */
  public ProviderRateLimits(FleetContext fleet, CacheSettings settings) {
    this.fleet = fleet;
    this.limits = settings.rateLimits();
    this.timeout = settings.timeout();
  }

  /**
   * Takes a permit without waiting: {@link RateDecision.Go}, or {@link RateDecision.Wait} with the
   * mean spacing of permits (interval / rate) as the time to wait before asking again.
   */
  public RateDecision tryAcquire(Provider provider, String operation) {
    return decide(provider, operation, Duration.ZERO, RRateLimiter::tryAcquireAsync);
  }

  /**
   * Waits up to {@code maxWait} for a permit (Redisson knows when the next one frees up); {@link
   * RateDecision.Wait} when none came in time.
   */
  public RateDecision acquire(Provider provider, String operation, Duration maxWait) {
    return decide(provider, operation, maxWait, limiter -> limiter.tryAcquireAsync(1, maxWait));
  }

  private RateDecision decide(
      Provider provider,
      String operation,
      Duration wait,
      Function<RRateLimiter, RFuture<Boolean>> take) {
    Optional<Rate> rate = limits.rate(provider, operation);
    if (rate.isEmpty()) {
      return RateDecision.go();
    }
    String name = RateLimits.name(provider, operation);
    try {
      RRateLimiter limiter =
          configured.computeIfAbsent(name, n -> configure(provider, operation, rate.get()));
      boolean taken =
          take.apply(limiter)
              .toCompletableFuture()
              .get(wait.plus(timeout).toMillis(), TimeUnit.MILLISECONDS);
      recovered();
      return taken ? RateDecision.go() : new RateDecision.Wait(rate.get().spacing());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new RateDecision.Wait(rate.get().spacing());
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      configured.remove(name);
      failedOpen(name, e);
      return RateDecision.go();
    }
  }

  /** Applies the configured rate, keeping the permits in use; bounded by the timeout. */
  private RRateLimiter configure(Provider provider, String operation, Rate rate) {
    RRateLimiter limiter =
        fleet
            .redis()
            .getRateLimiter(
                fleet.keys().rateLimit(provider.wireName(), operation.toLowerCase(Locale.ROOT)));
    RateLimiterArgs args =
        RateLimiterArgs.of(RateType.OVERALL, rate.permits(), rate.interval()).keepState(true);
    try {
      limiter
          .setRateAsync(args)
          .toCompletableFuture()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CompletionException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new CompletionException(e);
    }
    return limiter;
  }

  private void recovered() {
    if (failing) {
      failing = false;
      log.info("rate limits answer again");
    }
  }

  private void failedOpen(String name, Exception e) {
    if (!failing) {
      failing = true;
      log.warn(
          "rate limit {} not checked ({}); provider calls go unchecked until Redis answers",
          name,
          e.toString());
    }
  }
}
