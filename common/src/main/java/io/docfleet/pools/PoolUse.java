package io.docfleet.pools;

import java.util.Locale;

/**
 * One reading of a connection pool, named by its {@code kind} ({@code Redis}, {@code PostgreSQL})
 * and {@code name} (the {@code pool} label of its meters: {@code queue}, {@code cache}, {@code
 * docfleet-worker}...): the connections it holds {@code open}, those in use ({@code active}) and
 * {@code idle}, the most it may open ({@code max}), and the requests waiting for one ({@code
 * pending}); {@code sizeVariable} is what sets its maximum.
 */
public record PoolUse(
    String kind,
    String name,
    String sizeVariable,
    int open,
    int active,
    int idle,
    int max,
    int pending) {

  /** Use above this share of the maximum is worth a warning: the pool is close to running dry. */
  public static final double BUSY = 0.80;

  /** In use over the maximum; 0 when the pool has no maximum. */
  public double usedRatio() {
    return max <= 0 ? 0 : (double) active / max;
  }

  /** True when more than {@link #BUSY} of the maximum is in use. */
  public boolean busy() {
    return usedRatio() > BUSY;
  }

  /** {@code Redis queue}, {@code PostgreSQL docfleet-worker}: the pool for a reader. */
  public String title() {
    return kind + " " + name;
  }

  /** {@code Redis queue: 3 of 64 in use (5%), 1 idle, 4 open, 0 pending}. */
  public String summary() {
    return String.format(
        Locale.ROOT,
        "%s: %d of %d in use (%.0f%%), %d idle, %d open, %d pending",
        title(),
        active,
        max,
        usedRatio() * 100,
        idle,
        open,
        pending);
  }
}
