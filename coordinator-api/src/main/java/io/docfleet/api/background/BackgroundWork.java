package io.docfleet.api.background;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's background work, led by one coordinator at a time ({@link LeaderElection} on
 * {@code coordinator:leader}). When a coordinator becomes leader it preloads document states and
 * Textract job statuses from PostgreSQL into Redis ({@link StatePreload}), warms the provider cache
 * with recently completed documents' results ({@link CacheWarmer}) and reconciles ({@link
 * Reconciler}); while it leads, it reconciles every {@code RECONCILE_INTERVAL}.
 *
 * <p>Lifecycle: construct with the shared collaborators, {@link #start} (the election begins at
 * once; the work runs on one background thread, so passes never overlap within a coordinator),
 * {@link #close} (stops the work, then releases the leadership so another coordinator takes over at
 * its next check). A failing pass is logged and tried again at the next interval.
 */
public final class BackgroundWork implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BackgroundWork.class);

  private final BackgroundSettings settings;
  private final LeaderElection election;
  private final StatePreload preload;
  private final CacheWarmer warmer;
  private final Reconciler reconciler;
  private ScheduledExecutorService work;

  public BackgroundWork(BackgroundContext ctx, BackgroundSettings settings) {
    this.settings = settings;
    this.election = new LeaderElection(ctx.fleet(), settings.leaderLease(), this::elected);
    this.preload = new StatePreload(ctx, settings.reconcileBatch());
    this.warmer = new CacheWarmer(ctx, settings);
    this.reconciler = new Reconciler(ctx, settings);
  }

  public synchronized BackgroundWork start() {
    work = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "background-work"));
    long every = settings.reconcileInterval().toMillis();
    work.scheduleWithFixedDelay(this::reconcileIfLeader, every, every, TimeUnit.MILLISECONDS);
    election.start();
    return this;
  }

  /** True while this coordinator leads the background work. */
  public boolean isLeader() {
    return election.isLeader();
  }

  /** Checks the leadership now instead of at the next third of the lease; returns it. */
  boolean checkLeadership() {
    return election.check();
  }

  private synchronized void elected() {
    if (work != null) {
      work.execute(this::leadershipStarted);
    }
  }

  /** The start-up pass of a new leader: preload, warm, reconcile. */
  void leadershipStarted() {
    run("preload", preload::preload);
    run("cache warming", warmer::warm);
    reconcileIfLeader();
  }

  private void reconcileIfLeader() {
    if (election.isLeader()) {
      run("reconcile", reconciler::reconcileOnce);
    }
  }

  private void run(String pass, Supplier<?> body) {
    try {
      body.get();
    } catch (RuntimeException e) {
      log.warn(
          "{} pass failed, the next one runs in {} ms: {}",
          pass,
          settings.reconcileInterval().toMillis(),
          e.toString());
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      if (work != null) {
        work.shutdownNow();
        try {
          work.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        work = null;
      }
    }
    election.close();
  }
}
