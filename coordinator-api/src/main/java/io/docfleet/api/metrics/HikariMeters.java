package io.docfleet.api.metrics;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.docfleet.store.Database;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL pool's meters ({@code hikaricp_connections_active}, {@code _idle}, {@code
 * _pending}, acquire and usage times...), by HikariCP's own Micrometer tracker. A pool takes one
 * tracker in its life; a second binding is logged and skipped.
 */
final class HikariMeters {
  private static final Logger log = LoggerFactory.getLogger(HikariMeters.class);

  private HikariMeters() {}

  static void bindTo(Database database, MeterRegistry registry) {
    try {
      database
          .dataSource()
          .unwrap(HikariDataSource.class)
          .setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
    } catch (SQLException | IllegalStateException e) {
      log.warn("the pool {} has no meters here: {}", database.poolName(), e.toString());
    }
  }
}
