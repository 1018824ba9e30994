package io.docfleet.worker.heartbeat;

import io.docfleet.config.DocfleetVersion;
import io.docfleet.coordination.RunProtocol;
import io.docfleet.loop.PeriodicLoop;
import io.docfleet.redis.FleetContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.redisson.api.RBatch;

/**
 * Keeps a worker registered: every interval it rewrites {@code workers:<id>} with a TTL, and keeps
 * the id in {@code workers:index} and its types in {@code queues:index}, in one round trip. A
 * worker whose last successful beat is older than the TTL is not healthy: the fleet may already
 * have reaped it, so it must not start tasks until a beat succeeds again.
 *
 * <p>Lifecycle: {@link #start} beats once (failing fast when Redis does not answer) and then every
 * interval (the loop {@code heartbeat}); {@link #markDraining} flips the status; {@link #close}
 * stops the loop; {@link #deregister} then removes the worker.
 */
public final class Heartbeat implements AutoCloseable, MeterBinder {
  private final FleetContext fleet;
  private final WorkerRegistration registration;
  private final Duration ttl;
  private final Supplier<WorkerCounters> counters;
  private final PeriodicLoop loop;
  private volatile Instant lastSuccess = Instant.MIN;
  private volatile String status = "active";

  public Heartbeat(
      FleetContext fleet,
      WorkerRegistration registration,
      Duration interval,
      Duration ttl,
      Supplier<WorkerCounters> counters) {
    this.fleet = fleet;
    this.registration = registration;
    this.ttl = ttl;
    this.counters = counters;
    // a beat under way is let finish (for up to the TTL) when closing: interrupted, its commands
    // could still reach Redis after deregister and register the worker again
    this.loop =
        PeriodicLoop.named("heartbeat")
            .describedAs("heartbeat of worker " + registration.id())
            .every(interval)
            .whileFailing(
                "the worker stops starting tasks "
                    + ttl.toMillis()
                    + " ms after its last good beat, until a beat succeeds")
            .closeWait(ttl)
            .build(this::beat);
  }

  /** Counts failed beats in {@code registry}. */
  @Override
  public void bindTo(MeterRegistry registry) {
    loop.bindTo(registry);
  }

  public void start() {
    beat();
    loop.start();
  }

  /** Writes the registration now; throws when Redis does not take it. */
  public void beat() {
    Instant now = fleet.clock().instant();
    String key = fleet.keys().worker(registration.id());
    RBatch batch = fleet.redis().createBatch();
    batch.<String, String>getMap(key).putAllAsync(fields(now));
    batch.getMap(key).expireAsync(ttl);
    batch.getSet(fleet.keys().workersIndex()).addAsync(registration.id());
    batch.getSet(fleet.keys().queuesIndex()).addAllAsync(registration.capabilities());
    batch.execute();
    lastSuccess = now;
  }

  /** True while the last successful beat is younger than the TTL. */
  public boolean isHealthy() {
    return Duration.between(lastSuccess, fleet.clock().instant()).compareTo(ttl) < 0;
  }

  public Instant lastSuccess() {
    return lastSuccess;
  }

  /** Announces that this worker stops claiming; tries one beat right away. */
  public void markDraining() {
    status = "draining";
    loop.runOnce();
  }

  /** Removes the registration: the worker is gone on purpose and nothing is left to reap. */
  public void deregister() {
    RBatch batch = fleet.redis().createBatch();
    batch.getMap(fleet.keys().worker(registration.id())).deleteAsync();
    batch.getSet(fleet.keys().workersIndex()).removeAsync(registration.id());
    batch.execute();
  }

  /**
   * Stops the loop. A beat under way is let finish (for up to the TTL): interrupted, its commands
   * could still reach Redis after {@link #deregister} and register the worker again.
   */
  @Override
  public void close() {
    loop.close();
  }

  private Map<String, String> fields(Instant now) {
    WorkerCounters done = counters.get();
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("id", registration.id());
    fields.put("host", registration.host());
    fields.put("pid", Long.toString(registration.pid()));
    fields.put("capabilities", String.join(",", registration.capabilities()));
    fields.put("concurrency", registration.concurrencyText());
    fields.put("status", status);
    fields.put("started_at", Long.toString(registration.startedAt().toEpochMilli()));
    fields.put("last_heartbeat", Long.toString(now.toEpochMilli()));
    fields.put("tasks_completed", Long.toString(done.completed()));
    fields.put("tasks_failed", Long.toString(done.failed()));
    fields.put("in_flight", Long.toString(done.inFlight()));
    fields.put(RunProtocol.FIELD, Integer.toString(RunProtocol.CURRENT));
    fields.put("version", DocfleetVersion.current());
    registration.httpPort().ifPresent(port -> fields.put("http_port", Integer.toString(port)));
    return fields;
  }
}
