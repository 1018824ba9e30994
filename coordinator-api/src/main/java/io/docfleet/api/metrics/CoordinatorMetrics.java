package io.docfleet.api.metrics;

import io.docfleet.api.redismonitor.CachedReading;
import io.docfleet.api.redismonitor.RedisServerCollector;
import io.docfleet.api.redismonitor.RedisServers;
import io.docfleet.api.spend.BudgetUses;
import io.docfleet.metrics.JvmMeters;
import io.docfleet.redis.FleetContext;
import io.docfleet.spend.Budgets;
import io.docfleet.spend.SpendCounters;
import io.docfleet.webhook.WebhookDestinations;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/**
 * What the coordinator's {@code GET /metrics} serves: its JVM's meters (Micrometer), the meters its
 * parts add (its connection pools', bound by their monitor), the fleet's state in Redis ({@link
 * FleetCollector}) and the {@code INFO} figures of the queue's and the cache's Redis ({@link
 * RedisServerCollector}), read at scrape time and kept for {@link #READ_CACHE} (the figures for
 * {@link io.docfleet.api.redismonitor.RedisServer#INFO_MAX_AGE}).
 *
 * <p>Lifecycle: {@link #open} with the coordinator's resources; {@link #close} before them.
 */
public final class CoordinatorMetrics implements AutoCloseable {
  /** How long one reading of the fleet's state answers scrapes. */
  public static final Duration READ_CACHE = Duration.ofSeconds(1);

  private final PrometheusMeterRegistry registry;
  private final JvmMeters jvm;

  private CoordinatorMetrics(PrometheusMeterRegistry registry, JvmMeters jvm) {
    this.registry = registry;
    this.jvm = jvm;
  }

  /**
   * Meters over the fleet's Redis and the cache's Redis, whose figures {@code redis} reads, and
   * over the provider budgets (the fleet's {@code budgets} and the groups').
   */
  public static CoordinatorMetrics open(
      FleetContext fleet, FleetContext cacheFleet, RedisServers redis, Budgets budgets) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    JvmMeters jvm = JvmMeters.bindTo(registry);
    FleetReader fleetReader = new FleetReader(fleet, cacheFleet);
    registry
        .getPrometheusRegistry()
        .register(
            new FleetCollector(new CachedReading<>(fleetReader::read, fleet.clock(), READ_CACHE)));
    WebhookDestinations webhooks = new WebhookDestinations(fleet);
    registry
        .getPrometheusRegistry()
        .register(
            new WebhookCollector(new CachedReading<>(webhooks::list, fleet.clock(), READ_CACHE)));
    SpendCounters spend = new SpendCounters(fleet);
    registry
        .getPrometheusRegistry()
        .register(new SpendCollector(new CachedReading<>(spend::total, fleet.clock(), READ_CACHE)));
    BudgetUses budgetUses = new BudgetUses(fleet, budgets);
    registry
        .getPrometheusRegistry()
        .register(
            new BudgetCollector(new CachedReading<>(budgetUses::read, fleet.clock(), READ_CACHE)));
    registry.getPrometheusRegistry().register(RedisServerCollector.of(redis.byLabel()));
    return new CoordinatorMetrics(registry, jvm);
  }

  /** Where the coordinator's own parts add their meters. */
  public MeterRegistry registry() {
    return registry;
  }

  /** Every meter in the Prometheus text format (0.0.4). */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    jvm.close();
    registry.close();
  }
}
