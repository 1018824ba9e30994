package io.docfleet.worker.runtime;

import io.docfleet.config.FleetConfig;
import io.docfleet.config.WorkerIds;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.ReplicaAcks;
import io.docfleet.worker.handler.HandlerRegistry;
import io.docfleet.worker.heartbeat.Heartbeat;
import io.docfleet.worker.heartbeat.WorkerRegistration;
import io.docfleet.worker.lock.TaskLocks;
import io.docfleet.worker.metrics.FleetMetricsPublisher;
import io.docfleet.worker.metrics.WorkerMetrics;
import io.docfleet.worker.queue.AssignmentTrim;
import io.docfleet.worker.queue.DelayedTaskPromoter;
import io.docfleet.worker.queue.RetryBackoff;
import io.docfleet.worker.queue.WorkerQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker process's part of the fleet: it registers and heartbeats, claims and runs the task
 * types it serves, promotes their delayed tasks, removes their task records past retention, and
 * takes its turn as the fleet's reaper.
 *
 * <p>Lifecycle: {@link #start} (refused with {@link UpgradeBlocked} while a worker of an older run
 * protocol is alive in the fleet); then {@link #drain} (on SIGTERM): status draining, stop
 * claiming, let running tasks finish within the shutdown grace, return what is unfinished, write
 * the last run times to the fleet's histograms, deregister.
 */
public final class Worker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Worker.class);

  private final FleetContext fleet;
  private final FleetConfig config;
  private final List<String> types;
  private final WorkerStats stats = new WorkerStats();
  private final RedisRetry retry = new RedisRetry(Duration.ofMillis(500));
  private final WorkerRegistration registration;
  private final Heartbeat heartbeat;
  private final DelayedTaskPromoter promoter;
  private final AssignmentTrim trim;
  private final Reaper reaper;
  private final TaskLocks taskLocks;
  private final List<ClaimLoop> loops = new ArrayList<>();
  private final List<ExecutorService> pools = new ArrayList<>();
  private final List<WorkerQueue> queues = new ArrayList<>();
  private final FleetMetricsPublisher metricsPublisher;
  private final OrphanSweep orphanSweep;
  private volatile boolean drained;

  /** A worker with meters of its own (not served over HTTP; its run times reach the fleet's). */
  public Worker(FleetContext fleet, FleetConfig config, HandlerRegistry handlers) {
    this(fleet, config, handlers, WorkerMetrics.create());
  }

  /** A worker that records into {@code metrics}, which the caller closes; no HTTP port. */
  public Worker(
      FleetContext fleet, FleetConfig config, HandlerRegistry handlers, WorkerMetrics metrics) {
    this(fleet, config, handlers, metrics, OptionalInt.empty());
  }

  /**
   * A worker that records into {@code metrics}, which the caller serves on {@code httpPort} (made
   * known in its registration) and closes.
   */
  public Worker(
      FleetContext fleet,
      FleetConfig config,
      HandlerRegistry handlers,
      WorkerMetrics metrics,
      OptionalInt httpPort) {
    this.fleet = fleet;
    this.config = config;
    this.types = ServedTypes.of(config, handlers);
    FleetConfig.WorkerSettings settings = config.worker();
    this.registration =
        new WorkerRegistration(
            settings.id(),
            WorkerIds.hostName(),
            ProcessHandle.current().pid(),
            types,
            settings.concurrency(),
            fleet.clock().instant(),
            httpPort);
    this.heartbeat =
        new Heartbeat(
            fleet, registration, settings.heartbeatInterval(), settings.ttl(), stats::snapshot);
    this.promoter = new DelayedTaskPromoter(fleet, types, settings.promoterInterval());
    this.trim = new AssignmentTrim(fleet, types, settings.reaperInterval());
    this.reaper = new Reaper(fleet, settings.reaperInterval());
    this.taskLocks = new TaskLocks(fleet);
    this.metricsPublisher = new FleetMetricsPublisher(fleet, metrics, settings.heartbeatInterval());
    stats.bindTo(metrics.registry());
    heartbeat.bindTo(metrics.registry());
    promoter.bindTo(metrics.registry());
    trim.bindTo(metrics.registry());
    reaper.bindTo(metrics.registry());
    taskLocks.bindTo(metrics.registry());
    ReplicaAcks acks = ReplicaAcks.of(fleet, config.queue().replicaAckTimeout());
    WorkerContext worker =
        new WorkerContext(
            fleet,
            settings.id(),
            config.queue(),
            handlers,
            taskLocks,
            new RetryBackoff(config.queue().backoffBase(), config.queue().backoffMax()),
            stats,
            retry,
            metrics.tasks(),
            acks);
    WorkerQueue.Options runs =
        new WorkerQueue.Options(
            taskLocks.lease(),
            config.queue().assignmentRetention(),
            acks,
            config.queue().laneWeights());
    List<OrphanSweep.Target> sweepTargets = new ArrayList<>();
    for (String type : types) {
      int concurrency = settings.concurrency().forType(type);
      ExecutorService pool =
          Executors.newFixedThreadPool(concurrency, ServedTypes.threadsFor(type));
      WorkerQueue queue = new WorkerQueue(fleet, type, settings.id(), runs);
      RunClaimedTask runner = new RunClaimedTask(worker, queue, pool);
      pools.add(pool);
      queues.add(queue);
      loops.add(new ClaimLoop(queue, runner, heartbeat, stats, concurrency));
      sweepTargets.add(new OrphanSweep.Target(queue, runner.running()));
    }
    this.orphanSweep =
        new OrphanSweep(sweepTargets, fleet.codec(), stats, settings.reaperInterval());
    orphanSweep.bindTo(metrics.registry());
  }

  public String id() {
    return config.worker().id();
  }

  public List<String> types() {
    return types;
  }

  public WorkerStats stats() {
    return stats;
  }

  /**
   * Registers and starts every loop; refuses with {@link UpgradeBlocked} while a worker of an older
   * run protocol is alive in the fleet (nothing is written then).
   */
  public void start() {
    new UpgradeCheck(fleet).check();
    new GroupLimitsAtStart(fleet, config.queue().groupConcurrency()).apply(types);
    heartbeat.start();
    returnWhatAnOlderWorkerOfThisIdLeft();
    promoter.start();
    trim.start();
    reaper.start();
    orphanSweep.start();
    loops.forEach(ClaimLoop::start);
    metricsPublisher.start();
    log.info("worker {} serves {}", id(), registration.concurrencyText());
  }

  /**
   * A worker of an older version that ran under this id and died left its in-flight items under the
   * list's older name, which the reaper never sees while this worker heartbeats: they go back to
   * their queues now (for one release).
   */
  private void returnWhatAnOlderWorkerOfThisIdLeft() {
    for (WorkerQueue queue : queues) {
      long returned = queue.returnLegacy();
      if (returned > 0) {
        log.info(
            "{} tasks of {} an older worker {} left in flight were returned to their queue",
            returned,
            queue.type(),
            id());
      }
    }
  }

  /** Stops claiming, lets running tasks finish within the grace, returns the rest, leaves. */
  public synchronized void drain() {
    if (drained) {
      return;
    }
    drained = true;
    Instant deadline = fleet.clock().instant().plus(config.worker().shutdownGrace());
    log.info("worker {} drains: no new tasks, {} in flight", id(), stats.inFlight.get());
    heartbeat.markDraining();
    orphanSweep.close();
    try {
      for (ClaimLoop loop : loops) {
        loop.stopClaiming();
      }
      for (ClaimLoop loop : loops) {
        Duration left = Duration.between(fleet.clock().instant(), deadline);
        if (!loop.awaitIdle(left.isNegative() ? Duration.ZERO : left)) {
          log.warn(
              "shutdown grace over with tasks still running; they are returned to their queues");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    pools.forEach(ExecutorService::shutdownNow);
    retry.close();
    new UnfinishedTasks().returnAll(queues);
    metricsPublisher.close();
    taskLocks.close();
    promoter.close();
    trim.close();
    reaper.close();
    heartbeat.close();
    try {
      heartbeat.deregister();
    } catch (RuntimeException e) {
      log.warn("could not deregister worker {}: {}; the reaper will remove it", id(), e.toString());
    }
    log.info("worker {} stopped: {} completed, {} failed", id(), stats.completed(), stats.failed());
  }

  /** True once the worker started draining: it claims nothing more. */
  public boolean isDraining() {
    return drained;
  }

  /** True while its last heartbeat is younger than {@code WORKER_TTL}, so it may start tasks. */
  public boolean heartbeatHealthy() {
    return heartbeat.isHealthy();
  }

  @Override
  public void close() {
    drain();
  }
}
