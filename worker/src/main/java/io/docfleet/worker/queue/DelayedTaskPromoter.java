package io.docfleet.worker.queue;

import io.docfleet.loop.PeriodicLoop;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.LuaScript;
import io.docfleet.task.Priority;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
import org.redisson.api.RScript;

/**
 * Moves delayed tasks whose time has come back to their lanes' ready lists. Every worker runs one
 * for the types it serves; the script moves each item exactly once, so any number may run.
 *
 * <p>Lifecycle: {@link #start} runs {@link #promoteDue} at once and then every interval (the loop
 * {@code delayed-promoter}); {@link #close} stops.
 */
public final class DelayedTaskPromoter implements AutoCloseable, MeterBinder {
  private static final LuaScript PROMOTE = LuaScript.load("promote");
  static final int BATCH = 500;

  private final FleetContext fleet;
  private final List<String> types;
  private final PeriodicLoop loop;

  public DelayedTaskPromoter(FleetContext fleet, List<String> types, Duration interval) {
    this.fleet = fleet;
    this.types = List.copyOf(types);
    this.loop =
        PeriodicLoop.named("delayed-promoter")
            .every(interval)
            .firstPassAfter(Duration.ZERO)
            .whileFailing("delayed tasks stay delayed past their time")
            .build(this::promoteDue);
  }

  /** Counts failed passes in {@code registry}. */
  @Override
  public void bindTo(MeterRegistry registry) {
    loop.bindTo(registry);
  }

  public void start() {
    loop.start();
  }

  /** Moves every due task of the served types; returns how many moved. */
  public long promoteDue() {
    long moved = 0;
    for (String type : types) {
      long batch;
      do {
        Long result =
            PROMOTE
                .<Long>run(
                    fleet.redis(),
                    RScript.ReturnType.LONG,
                    List.of(
                        fleet.keys().delayed(type),
                        fleet.keys().ready(type),
                        fleet.keys().runs().lane(type, Priority.HIGH),
                        fleet.keys().runs().lane(type, Priority.LOW)),
                    Long.toString(fleet.clock().millis()),
                    Integer.toString(BATCH))
                .toCompletableFuture()
                .join();
        batch = result == null ? 0 : result;
        moved += batch;
      } while (batch == BATCH);
    }
    return moved;
  }

  @Override
  public void close() {
    loop.close();
  }
}
