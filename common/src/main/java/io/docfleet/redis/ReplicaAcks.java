package io.docfleet.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
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
 * connected_slaves}) once every {@link #REFRESH}, in the background. Calls wait for a reading only
 * when there is none they can trust: the first call, and the first after a call failed or a wait
 * fell short (the replica did not acknowledge within the timeout: it lags, or the primary changed,
 * and a newly promoted primary has no replica until the old one returns as one). A shortfall is
 * counted and logged, and the write stands. Nothing here ever blocks a thread. Not used on a Redis
 * Cluster, whose primaries each have their own replicas.
 */
public final class ReplicaAcks {
  private static final Logger log = LoggerFactory.getLogger(ReplicaAcks.class);

  /** How old the replica count may get before it is read again. */
  public static final Duration REFRESH = Duration.ofSeconds(5);

  private static final int UNKNOWN = -1;
  private static final Duration RESPONSE_SLACK = Duration.ofSeconds(1);

  private final RedissonClient redis;
  private final Duration timeout;
  private final Clock clock;
  private final boolean enabled;
  private final AtomicLong shortfalls = new AtomicLong();
  private volatile int replicas = UNKNOWN;
  private volatile long checkedAt;
  private volatile boolean stale = true;
  private volatile boolean warned;
  private CompletableFuture<Integer> reading;

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
  public static ReplicaAcks of(FleetContext fleet, Duration timeout) {
    return new ReplicaAcks(fleet.redis(), timeout, fleet.clock());
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

  /**
   * Reads the replica count now (or joins the reading under way); completes with it, or with -1
   * when it could not be read.
   */
  public synchronized CompletionStage<Integer> refresh() {
    if (reading == null || reading.isDone()) {
      reading =
          readReplicaCount()
              .toCompletableFuture()
              .handle(
                  (count, error) -> {
                    if (error == null) {
                      replicas = count;
                    } else if (replicas > 0) {
                      return UNKNOWN; // stays stale: the primary may be failing over
                    } else {
                      if (replicas == UNKNOWN) {
                        log.warn(
                            "cannot read INFO replication ({}); writes do not wait for a replica"
                                + " until it can be read",
                            error.toString());
                      }
                      // not read again on every call: a server that refuses INFO would cost
                      // each one a round trip
                      replicas = 0;
                    }
                    checkedAt = clock.millis();
                    stale = false;
                    return error == null ? count : UNKNOWN;
                  });
    }
    return reading;
  }

  /**
   * Whether to wait: the last reading while it is fresh (reading again in the background once it is
   * older than {@link #REFRESH}); a new reading first when there is none yet, or when a call failed
   * or fell short since (the primary may have changed: a new one has no replica until the old one
   * comes back as one, and waiting on it would cost every call the whole timeout). Where a replica
   * was connected and the new reading fails too, the call fails (its caller sends it again) rather
   * than wait on a primary that may be the new one.
   */
  private CompletionStage<Boolean> replicaConnected() {
    if (stale) {
      return refresh()
          .thenCompose(
              count ->
                  count == UNKNOWN && replicas > 0
                      ? CompletableFuture.failedFuture(
                          new IllegalStateException(
                              "cannot read the primary's INFO replication after a failed call;"
                                  + " it may be failing over"))
                      : CompletableFuture.completedFuture(replicas > 0));
    }
    if (clock.millis() - checkedAt >= REFRESH.toMillis()) {
      refresh();
    }
    return CompletableFuture.completedFuture(replicas > 0);
  }

  private <R> CompletionStage<R> runAcked(
      LuaScript script,
      RScript.ReturnType returns,
      List<Object> keys,
      Object[] args,
      boolean loadOnNoScript) {
    RBatch batch =
        redis.createBatch(
            BatchOptions.defaults()
                .syncSlaves(1, timeout.toMillis(), TimeUnit.MILLISECONDS)
                // Redisson waits for such a batch its command timeout plus the WAIT's, and a batch
                // sent to a primary that was killed is only failed by that timeout: keep it short,
                // so a failover stalls runs for seconds less. No retry inside Redisson: a failed
                // call reads the replica count again (the new primary may have none) before the
                // caller sends it again.
                .responseTimeout(
                    timeout.toMillis() + RESPONSE_SLACK.toMillis(), TimeUnit.MILLISECONDS)
                .retryAttempts(0));
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
                    : failed(error));
  }

  private <R> CompletionStage<R> failed(Throwable error) {
    stale = true; // the primary may be changing: read the replica count again before waiting
    return CompletableFuture.failedFuture(error);
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
    stale = true;
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
