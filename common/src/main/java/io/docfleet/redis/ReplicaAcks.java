package io.docfleet.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.redisson.api.BatchOptions;
import org.redisson.api.BatchResult;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisMaster;
import org.redisson.api.redisnode.RedisNode;
import org.redisson.api.redisnode.RedisNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a script's writes wait for a replica ({@code WAIT 1 <timeout>}, sent in the same pipeline
 * as the script so it waits for exactly those writes), where the queue's Redis has one: a write
 * acknowledged that way is on a replica the sentinels can promote, so it survives a failover. Where
 * no replica is connected (a single Redis, as the benchmarks run it) the script goes out as it
 * always did: no extra command.
 *
 * <p>Whether a replica is connected is read from the primary's {@code INFO replication} ({@code
 * connected_slaves}) at most once every {@link #REFRESH}, in the background, never on a caller's
 * path (the first call waits for the first reading). A wait that fell short (the replica did not
 * acknowledge within the timeout: it lags, or the primary changed) is counted and logged, the write
 * stands, and the reading is refreshed at once. Not used on a Redis Cluster, whose primaries each
 * have their own replicas.
 */
public final class ReplicaAcks {
  private static final Logger log = LoggerFactory.getLogger(ReplicaAcks.class);

  /** How old the replica count may get before it is read again. */
  public static final Duration REFRESH = Duration.ofSeconds(5);

  private static final int UNKNOWN = -1;

  private final RedissonClient redis;
  private final Duration timeout;
  private final Clock clock;
  private final boolean enabled;
  private final AtomicBoolean refreshing = new AtomicBoolean();
  private final AtomicLong shortfalls = new AtomicLong();
  private volatile int replicas = UNKNOWN;
  private volatile long checkedAt;
  private volatile CompletableFuture<Integer> firstReading;
  private volatile boolean warned;

  /**
   * Waits of up to {@code timeout} for one replica (none when the timeout is zero or the client is
   * in cluster mode).
   */
  public ReplicaAcks(RedissonClient redis, Duration timeout, Clock clock) {
    this.redis = redis;
    this.timeout = timeout;
    this.clock = clock;
    this.enabled = !timeout.isZero() && !redis.getConfig().isClusterConfig();
  }

  /** Waits for the context's Redis with {@code timeout}. */
  public static ReplicaAcks of(FleetContext ctx, Duration timeout) {
    return new ReplicaAcks(ctx.redis(), timeout, ctx.clock());
  }

  /**
   * Runs {@code script}; where a replica is connected, in one pipeline with {@code WAIT 1
   * <timeout>}, completing once the replica acknowledged (or the timeout passed). Its reply, or the
   * error Redis answered.
   */
  public <R> CompletionStage<R> run(
      LuaScript script, RScript.ReturnType returns, List<Object> keys, Object... args) {
    if (!enabled) {
      return script.run(redis, returns, keys, args);
    }
    return replicaConnected()
        .thenCompose(
            connected ->
                connected
                    ? runAcked(script, returns, keys, args, true)
                    : script.run(redis, returns, keys, args));
  }

  /** How many waits fell short of a replica's acknowledgement since this instance was made. */
  public long shortfalls() {
    return shortfalls.get();
  }

  /** The replicas the primary had connected at the last reading; -1 before the first. */
  public int lastReplicaCount() {
    return replicas;
  }

  /** Reads the replica count now; completes with it (-1 when it could not be read). */
  public CompletionStage<Integer> refresh() {
    CompletableFuture<Integer> reading = new CompletableFuture<>();
    readReplicaCount()
        .whenComplete(
            (count, error) -> {
              if (error == null) {
                replicas = count;
                checkedAt = clock.millis();
              } else if (replicas == UNKNOWN) {
                log.warn(
                    "cannot read INFO replication ({}); writes do not wait for a replica until"
                        + " it can be read",
                    error.toString());
              }
              refreshing.set(false);
              reading.complete(error == null ? count : UNKNOWN);
            });
    return reading;
  }

  private CompletionStage<Boolean> replicaConnected() {
    int known = replicas;
    if (known == UNKNOWN) {
      CompletableFuture<Integer> first = firstReading;
      if (first == null) {
        synchronized (this) {
          if (firstReading == null) {
            refreshing.set(true);
            firstReading = refresh().toCompletableFuture();
          }
          first = firstReading;
        }
      }
      return first.thenApply(count -> count > 0);
    }
    if (clock.millis() - checkedAt >= REFRESH.toMillis() && refreshing.compareAndSet(false, true)) {
      refresh();
    }
    return CompletableFuture.completedFuture(known > 0);
  }

  private <R> CompletionStage<R> runAcked(
      LuaScript script,
      RScript.ReturnType returns,
      List<Object> keys,
      Object[] args,
      boolean loadOnNoScript) {
    RBatch batch =
        redis.createBatch(
            BatchOptions.defaults().syncSlaves(1, timeout.toMillis(), TimeUnit.MILLISECONDS));
    RFuture<R> reply = script.addShaTo(batch, returns, keys, args);
    return batch
        .executeAsync()
        .<R>thenCompose(
            result -> {
              acknowledged(result);
              return reply;
            })
        .exceptionallyCompose(
            error ->
                loadOnNoScript && mentionsNoScript(error)
                    ? script
                        .loadInto(redis, (String) keys.get(0))
                        .thenCompose(loaded -> runAcked(script, returns, keys, args, false))
                    : CompletableFuture.failedFuture(error));
  }

  private void acknowledged(BatchResult<?> result) {
    if (result.getSyncedSlaves() >= 1) {
      if (warned) {
        warned = false;
        log.info("a replica acknowledges writes again");
      }
      return;
    }
    shortfalls.incrementAndGet();
    if (!warned) {
      warned = true;
      log.warn(
          "no replica acknowledged a write within {} ms (it lags, or the primary changed); the"
              + " write stands on the primary but may be lost if it fails now",
          timeout.toMillis());
    }
    checkedAt = 0;
    if (refreshing.compareAndSet(false, true)) {
      refresh();
    }
  }

  private CompletionStage<Integer> readReplicaCount() {
    RFuture<Map<String, String>> info;
    try {
      RedisMaster primary =
          redis.getConfig().isSentinelConfig()
              ? redis.getRedisNodes(RedisNodes.SENTINEL_MASTER_SLAVE).getMaster()
              : redis.getRedisNodes(RedisNodes.SINGLE).getInstance();
      info = primary.infoAsync(RedisNode.InfoSection.REPLICATION);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return info.thenApply(
        fields -> Integer.parseInt(fields.getOrDefault("connected_slaves", "0").trim()));
  }

  private static boolean mentionsNoScript(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (LuaScript.isNoScript(cause)
          || cause.getMessage() != null && cause.getMessage().contains("NOSCRIPT")) {
        return true;
      }
    }
    return false;
  }
}
