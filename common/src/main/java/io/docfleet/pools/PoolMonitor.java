package io.docfleet.pools;

import io.docfleet.loop.PeriodicLoop;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the connection pools of one process. Every {@link #CHECK_EVERY} it reads each (in memory)
 * and logs one WARN when a pool's use passes {@link PoolUse#BUSY} of its maximum, and one INFO once
 * it is back at or under {@link #CALM} (the gap keeps a pool hovering at 80% from logging every
 * second); every {@code REDIS_MONITOR_INTERVAL} it logs one INFO line with every pool's statistics.
 *
 * <p>Lifecycle: create with the pools; {@link #bindTo} a registry (the pools' meters and the loops'
 * failure counts); {@link #start}; {@link #close} before the pools close. {@link #check} and {@link
 * #logStatistics} run one pass now, as tests do instead of waiting.
 */
public final class PoolMonitor implements AutoCloseable, MeterBinder {
  /** How often the pools are read for a crossing of {@link PoolUse#BUSY}. */
  public static final Duration CHECK_EVERY = Duration.ofSeconds(1);

  /** A busy pool counts as calm again at or under this share of its maximum. */
  public static final double CALM = 0.70;

  private static final Logger log = LoggerFactory.getLogger(PoolMonitor.class);

  private final List<ConnectionPool> pools;
  private final PeriodicLoop checks;
  private final Optional<PeriodicLoop> statistics;
  private final Set<String> busy = new HashSet<>();

  /** Watches {@code pools}, logging their statistics every {@code every} (never when zero). */
  public PoolMonitor(List<ConnectionPool> pools, Duration every) {
    this.pools = List.copyOf(pools);
    this.checks =
        PeriodicLoop.named("pool-check")
            .every(CHECK_EVERY)
            .describedAs("the connection pools' check")
            .build(this::check);
    this.statistics =
        every.isZero()
            ? Optional.empty()
            : Optional.of(checks.alongside("pool-statistics", every, this::logStatistics));
  }

  public List<ConnectionPool> pools() {
    return pools;
  }

  /** The pools' meters, and the failed passes of the monitor's loops. */
  @Override
  public void bindTo(MeterRegistry registry) {
    pools.forEach(pool -> pool.bindTo(registry));
    checks.bindTo(registry);
    statistics.ifPresent(loop -> loop.bindTo(registry));
  }

  public PoolMonitor start() {
    checks.start();
    statistics.ifPresent(PeriodicLoop::start);
    return this;
  }

  /** Reads every pool; logs the ones that turned busy, or calm again, since the last check. */
  public synchronized void check() {
    for (ConnectionPool pool : pools) {
      PoolUse use = pool.use();
      if (use.busy() && busy.add(use.title())) {
        log.warn(
            "the {} pool passed {}% of its maximum: {}; raise {} or find what holds its"
                + " connections",
            use.title(), Math.round(PoolUse.BUSY * 100), use.summary(), use.sizeVariable());
      } else if (use.usedRatio() <= CALM && busy.remove(use.title())) {
        log.info(
            "the {} pool is back under {}% of its maximum: {}",
            use.title(), Math.round(CALM * 100), use.summary());
      }
    }
  }

  /** Logs one line with every pool's statistics. */
  public void logStatistics() {
    log.info(
        "connection pools: {}",
        pools.stream().map(pool -> pool.use().summary()).collect(Collectors.joining("; ")));
  }

  @Override
  public void close() {
    statistics.ifPresent(PeriodicLoop::close);
    checks.close();
  }
}
