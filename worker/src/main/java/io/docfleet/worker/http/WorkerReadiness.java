package io.docfleet.worker.http;

import io.docfleet.redis.FleetContext;
import io.docfleet.worker.runtime.Worker;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.redisson.client.codec.StringCodec;

/**
 * Whether a worker should be counted on: it is not draining, its last heartbeat is younger than
 * {@code WORKER_TTL}, and its Redis answers now (an {@code EXISTS} of its own registration within
 * {@link #REDIS_WAIT_MS} ms). The heartbeat alone would notice a lost Redis only after the TTL.
 */
public final class WorkerReadiness {
  static final long REDIS_WAIT_MS = 1000;

  private final Worker worker;
  private final FleetContext fleet;

  public WorkerReadiness(Worker worker, FleetContext fleet) {
    this.worker = worker;
    this.fleet = fleet;
  }

  /** One look: {@code ok} or what failed, for each part. */
  public record Check(boolean draining, String heartbeat, String redis) {
    public boolean ready() {
      return !draining && heartbeat.equals("ok") && redis.equals("ok");
    }
  }

  public Check check() {
    return new Check(
        worker.isDraining(), worker.heartbeatHealthy() ? "ok" : "failed: too old", redis());
  }

  private String redis() {
    try {
      fleet
          .redis()
          .getBucket(fleet.keys().worker(worker.id()), StringCodec.INSTANCE)
          .isExistsAsync()
          .toCompletableFuture()
          .get(REDIS_WAIT_MS, TimeUnit.MILLISECONDS);
      return "ok";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "failed: interrupted";
    } catch (TimeoutException e) {
      return "failed: no answer within " + REDIS_WAIT_MS + " ms";
    } catch (Exception e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return "failed: " + cause.getClass().getSimpleName();
    }
  }
}
