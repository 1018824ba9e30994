package io.docfleet.api.redismonitor;

import io.docfleet.pools.RedisPool;
import io.docfleet.redis.FleetContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The coordinator's two Redis, each with its one {@link RedisServer} reader: the queue's, and the
 * cache's (its own with {@code REDIS_CACHE_URL}; else the queue's, read once for both). The health
 * report, {@code /metrics}, the dashboard's feed and the Redis monitor all share this one object,
 * so their readings of the same moment are one.
 */
public final class RedisServers {
  private static final ExecutorService THREADS = lookThreads();

  private final RedisServer queue;
  private final Optional<RedisServer> ownCache;
  private final boolean cacheEnabled;

  /** The Redis of {@code fleet}, and of {@code cacheFleet} when that is another client. */
  public RedisServers(FleetContext fleet, FleetContext cacheFleet, boolean cacheEnabled) {
    this.queue = new RedisServer(RedisPool.QUEUE, fleet);
    this.ownCache =
        cacheFleet.redis() == fleet.redis()
            ? Optional.empty()
            : Optional.of(new RedisServer(RedisPool.CACHE, cacheFleet));
    this.cacheEnabled = cacheEnabled;
  }

  public RedisServer queue() {
    return queue;
  }

  /** The cache's Redis: its own, or the queue's when it shares it. */
  public RedisServer cache() {
    return ownCache.orElse(queue);
  }

  /** True when the cache lives on the queue's Redis (no {@code REDIS_CACHE_URL}). */
  public boolean cacheShared() {
    return ownCache.isEmpty();
  }

  /** False with {@code REDIS_ENABLE_OPTIMIZATION=false}: nothing reads the cache's Redis. */
  public boolean cacheEnabled() {
    return cacheEnabled;
  }

  /** Both by the label of their series: {@code queue} and {@code cache} (one server twice). */
  public Map<String, RedisServer> byLabel() {
    Map<String, RedisServer> servers = new LinkedHashMap<>();
    servers.put(RedisPool.QUEUE, queue);
    servers.put(RedisPool.CACHE, cache());
    return servers;
  }

  /** What one look at both found; the cache's is unavailable without an error when it is off. */
  public record Looks(Outcome<RedisReading> queue, Outcome<RedisReading> cache) {}

  /** Looks at both side by side (a shared Redis once), each within its bounded waits. */
  public Looks look() {
    return lookAsync().join();
  }

  /** {@link #look}, started on threads of its own: the caller may look at something else. */
  public CompletableFuture<Looks> lookAsync() {
    CompletableFuture<Outcome<RedisReading>> queueLook = lookAt(queue);
    CompletableFuture<Outcome<RedisReading>> cacheLook =
        cacheEnabled
            ? ownCache.map(RedisServers::lookAt).orElse(queueLook)
            : CompletableFuture.completedFuture(new Outcome.Unavailable<>(null, null));
    return queueLook.thenCombine(cacheLook, Looks::new);
  }

  private static CompletableFuture<Outcome<RedisReading>> lookAt(RedisServer server) {
    return CompletableFuture.supplyAsync(() -> Outcome.of(server::read), THREADS);
  }

  /**
   * Where the looks run: daemon threads, made as needed and gone after a minute idle, so there is
   * nothing to close.
   */
  private static ExecutorService lookThreads() {
    AtomicInteger count = new AtomicInteger();
    return Executors.newCachedThreadPool(
        r -> {
          Thread thread = new Thread(r, "redis-look-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }
}
