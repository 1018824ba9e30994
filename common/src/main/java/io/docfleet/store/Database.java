package io.docfleet.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.docfleet.pools.ConnectionPool;
import io.docfleet.pools.PoolUse;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool to the system of record. {@link #start} opens a HikariCP pool named {@code
 * docfleet-<role>} and brings the schema up to date with the Flyway migrations in {@code
 * db/migration} (concurrent starts are safe: Flyway takes a PostgreSQL advisory lock); {@link
 * #bindTo} gives the pool HikariCP's own meters ({@code hikaricp_connections_active}, {@code
 * _idle}, {@code _pending}, {@code _max}..., by {@code pool}); {@link #close} closes the pool.
 */
public final class Database implements ConnectionPool, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  private final HikariDataSource pool;
  private final int migrationsApplied;

  private Database(HikariDataSource pool, int migrationsApplied) {
    this.pool = pool;
    this.migrationsApplied = migrationsApplied;
  }

  /** Opens the pool for a process of {@code role} (coordinator, worker...) and migrates. */
  public static Database start(DatabaseSettings settings, String role) {
    HikariDataSource pool = openPool(settings, "docfleet-" + role);
    try {
      int applied =
          Flyway.configure()
              .dataSource(pool)
              .locations("classpath:db/migration")
              .load()
              .migrate()
              .migrationsExecuted;
      log.info(
          "{}: {} migration(s) applied to {}", pool.getPoolName(), applied, settings.redactedUrl());
      return new Database(pool, applied);
    } catch (FlywayException e) {
      pool.close();
      throw new StoreException(
          "cannot migrate the schema at " + settings.redactedUrl() + ": " + e.getMessage(), e);
    }
  }

  private static HikariDataSource openPool(DatabaseSettings settings, String name) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(name);
    config.setJdbcUrl(settings.url());
    config.setUsername(settings.user());
    settings.password().ifPresent(secret -> config.setPassword(secret.value()));
    config.setMaximumPoolSize(settings.poolSize());
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StoreException(
          "cannot connect to PostgreSQL at "
              + settings.redactedUrl()
              + " as "
              + settings.user()
              + ": "
              + rootMessage(e),
          e);
    }
  }

  public DataSource dataSource() {
    return pool;
  }

  /** The pool's live statistics (HikariCP's MX bean). */
  public HikariPoolMXBean pool() {
    return pool.getHikariPoolMXBean();
  }

  /** Open, active, idle and waiting connections now, against {@code DATABASE_POOL_SIZE}. */
  @Override
  public PoolUse use() {
    HikariPoolMXBean live = pool();
    int max = pool.getMaximumPoolSize();
    if (live == null) {
      return new PoolUse("PostgreSQL", poolName(), "DATABASE_POOL_SIZE", 0, 0, 0, max, 0);
    }
    return new PoolUse(
        "PostgreSQL",
        poolName(),
        "DATABASE_POOL_SIZE",
        live.getTotalConnections(),
        live.getActiveConnections(),
        live.getIdleConnections(),
        max,
        live.getThreadsAwaitingConnection());
  }

  /**
   * Gives the pool HikariCP's Micrometer tracker on {@code registry}. A pool takes one tracker in
   * its life; a second binding is logged and skipped.
   */
  @Override
  public void bindTo(MeterRegistry registry) {
    try {
      pool.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
    } catch (IllegalStateException e) {
      log.warn("the pool {} has no meters here: {}", poolName(), e.toString());
    }
  }

  public String poolName() {
    return pool.getPoolName();
  }

  /** How many migrations this start applied (0 when the schema was already current). */
  public int migrationsApplied() {
    return migrationsApplied;
  }

  @Override
  public void close() {
    pool.close();
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
