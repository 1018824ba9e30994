package io.docfleet.worker.queue;

import io.docfleet.loop.PeriodicLoop;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.LuaScript;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
import org.redisson.api.RScript;

/**
 * Removes the task records whose retention ran out from the {@code {tasks:<type>}:assignments}
 * hashes of the types this worker serves: every write of a record scores its task id in {@code
 * {tasks:<type>}:assignments:expiry} with the time it expires, and this pass removes what is due
 * ({@code assignment_trim.lua}, a batch per call). Every worker runs one; each record is removed by
 * exactly one call, so any number may run.
 *
 * <p>Lifecycle: {@link #start} runs {@link #trimDue} every interval (the loop {@code
 * assignment-trim}); {@link #close} stops.
 */
public final class AssignmentTrim implements AutoCloseable, MeterBinder {
  private static final LuaScript TRIM = LuaScript.load("assignment_trim");
  static final int BATCH = 1_000;

  private final FleetContext fleet;
  private final List<String> types;
  private final PeriodicLoop loop;

  public AssignmentTrim(FleetContext fleet, List<String> types, Duration interval) {
    this.fleet = fleet;
    this.types = List.copyOf(types);
    this.loop =
        PeriodicLoop.named("assignment-trim")
            .every(interval)
            .whileFailing("task records past their retention stay in Redis")
            .build(this::trimDue);
  }

  /** Counts failed passes in {@code registry}. */
  @Override
  public void bindTo(MeterRegistry registry) {
    loop.bindTo(registry);
  }

  public void start() {
    loop.start();
  }

  /** Removes every record of the served types whose retention ran out; returns how many. */
  public long trimDue() {
    long removed = 0;
    for (String type : types) {
      long batch;
      do {
        Long result =
            TRIM.<Long>run(
                    fleet.redis(),
                    RScript.ReturnType.LONG,
                    List.of(
                        fleet.keys().runs().assignments(type),
                        fleet.keys().runs().assignmentsExpiry(type)),
                    Long.toString(fleet.clock().millis()),
                    Integer.toString(BATCH))
                .toCompletableFuture()
                .join();
        batch = result == null ? 0 : result;
        removed += batch;
      } while (batch == BATCH);
    }
    return removed;
  }

  @Override
  public void close() {
    loop.close();
  }
}
