package io.docfleet.queue;

import io.docfleet.redis.FleetContext;
import io.docfleet.redis.LuaScript;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves delayed tasks whose time has come back to their ready lists. Every worker runs one for the
 * types it serves; the script moves each item exactly once, so any number may run.
 *
 * <p>Lifecycle: {@link #start} schedules {@link #promoteDue} every interval; {@link #close} stops.
 */
public final class DelayedTaskPromoter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DelayedTaskPromoter.class);
  private static final LuaScript PROMOTE = LuaScript.load("promote");
  static final int BATCH = 500;

  private final FleetContext ctx;
  private final List<String> types;
  private final Duration interval;
  private ScheduledExecutorService timer;

  public DelayedTaskPromoter(FleetContext ctx, List<String> types, Duration interval) {
    this.ctx = ctx;
    this.types = List.copyOf(types);
    this.interval = interval;
  }

  public synchronized void start() {
    timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "delayed-promoter"));
    timer.scheduleWithFixedDelay(
        this::promoteSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
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
                    ctx.redis(),
                    RScript.ReturnType.LONG,
                    List.of(ctx.keys().delayed(type), ctx.keys().ready(type)),
                    Long.toString(ctx.clock().millis()),
                    Integer.toString(BATCH))
                .toCompletableFuture()
                .join();
        batch = result == null ? 0 : result;
        moved += batch;
      } while (batch == BATCH);
    }
    return moved;
  }

  private void promoteSafely() {
    try {
      promoteDue();
    } catch (RuntimeException e) {
      log.warn(
          "delayed-task promotion failed, trying again in {} ms: {}",
          interval.toMillis(),
          e.toString());
    }
  }

  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }
}
