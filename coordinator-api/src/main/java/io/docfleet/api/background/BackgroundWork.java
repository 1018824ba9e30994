package io.docfleet.api.background;

import io.docfleet.loop.PeriodicLoop;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;

/**
 * The coordinator's background work, led by one coordinator at a time ({@link LeaderElection} on
 * {@code coordinator:leader}). When a coordinator becomes leader it preloads document states and
 * Textract job statuses from PostgreSQL into Redis ({@link StatePreload}), warms the provider cache
 * with recently completed documents' results ({@link CacheWarmer}) and reconciles ({@link
 * Reconciler}); while it leads, it reconciles every {@code RECONCILE_INTERVAL}.
 *
 * <p>Lifecycle: construct with the shared collaborators, {@link #start} (the election begins at
 * once; the work runs on one background thread, the loop {@code background-work}, so passes never
 * overlap within a coordinator), {@link #close} (stops the work, then releases the leadership so
 * another coordinator takes over at its next check). A failing pass is logged and counted, and the
 * reconcile is tried again at the next interval.
 */
public final class BackgroundWork implements AutoCloseable, MeterBinder {
  /** How long close waits for an interrupted pass (a page of PostgreSQL rows) to end. */
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

  private final LeaderElection election;
  private final StatePreload preload;
  private final CacheWarmer warmer;
  private final Reconciler reconciler;
  private final PeriodicLoop work;
  private boolean started;
  private boolean closed;

  public BackgroundWork(BackgroundContext background, BackgroundSettings settings) {
    this.election = new LeaderElection(background.fleet(), settings.leaderLease(), this::elected);
    this.preload = new StatePreload(background, settings.reconcileBatch());
    this.warmer = new CacheWarmer(background, settings);
    this.reconciler = new Reconciler(background, settings);
    this.work =
        PeriodicLoop.named("background-work")
            .every(settings.reconcileInterval())
            .whileFailing("documents whose task Redis lost are not queued again until a pass works")
            .closeWait(CLOSE_WAIT)
            .interruptOnClose()
            .build(this::reconcileIfLeader);
  }

  /** Counts the failed passes of the work and of the election in {@code registry}. */
  @Override
  public void bindTo(MeterRegistry registry) {
    work.bindTo(registry);
    election.bindTo(registry);
  }

  public synchronized BackgroundWork start() {
    started = true;
    work.start();
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
    if (started && !closed) {
      work.execute(this::leadershipStarted);
    }
  }

  /** The start-up passes of a new leader: preload, warm, reconcile; each runs if another fails. */
  void leadershipStarted() {
    work.runOnce(preload::preload);
    work.runOnce(warmer::warm);
    work.runOnce();
  }

  private void reconcileIfLeader() {
    if (election.isLeader()) {
      reconciler.reconcileOnce();
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true; // no start-up passes queued from here on
    }
    work.close();
    election.close();
  }
}
