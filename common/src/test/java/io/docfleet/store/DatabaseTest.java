package io.docfleet.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docfleet.config.Secret;
import io.docfleet.pools.PoolUse;
import io.docfleet.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DatabaseTest {
  @RegisterExtension static final TestDatabase fresh = TestDatabase.empty();
  @RegisterExtension static final TestDatabase current = TestDatabase.migrated();
  @RegisterExtension static final TestDatabase occupied = TestDatabase.empty();

  @Test
  void migratesAnEmptySchemaOnceAndThenFindsNothingToDo() throws Exception {
    try (Database first = Database.start(fresh.settings(), "coordinator")) {
      assertThat(first.migrationsApplied()).isEqualTo(MigrationScripts.count()).isPositive();
      assertThat(tables(first))
          .contains(
              "documents",
              "document_pages",
              "chunks",
              "entities",
              "structured_results",
              "textract_jobs",
              "stage_engines");
    }
    try (Database again = Database.start(fresh.settings(), "coordinator")) {
      assertThat(again.migrationsApplied()).isZero();
    }
  }

  @Test
  void namesThePoolForItsRoleAndReportsItsConnections() throws Exception {
    try (Database database = Database.start(current.settings(), "worker")) {
      assertThat(database.migrationsApplied()).isZero();
      assertThat(database.poolName()).isEqualTo("docfleet-worker");
      try (Connection held = database.dataSource().getConnection()) {
        PoolUse use = database.use();
        assertThat(use.title()).isEqualTo("PostgreSQL docfleet-worker");
        assertThat(use.active()).isEqualTo(1);
        assertThat(use.pending()).isZero();
        assertThat(use.max()).isEqualTo(current.settings().poolSize());
        assertThat(use.open()).isEqualTo(use.active() + use.idle());
        assertThat(database.pool().getActiveConnections()).isEqualTo(1);
      }
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      database.bindTo(registry);
      assertThat(
              registry
                  .get("hikaricp.connections.max")
                  .tag("pool", "docfleet-worker")
                  .gauge()
                  .value())
          .isEqualTo(current.settings().poolSize());
      database.bindTo(registry); // a second tracker is refused by HikariCP: logged, not thrown
    }
  }

  @Test
  void refusesASchemaThatHoldsSomeoneElsesTables() {
    occupied.update("CREATE TABLE someone_elses (id int)");
    assertThatThrownBy(() -> Database.start(occupied.settings(), "worker"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("cannot migrate the schema at")
        .hasMessageContaining(occupied.schema());
  }

  @Test
  void saysWhereItCouldNotConnectWithoutThePassword() {
    DatabaseSettings nowhere =
        new DatabaseSettings(
            "jdbc:postgresql://127.0.0.1:1/postgres?password=hunter2&connectTimeout=2",
            "fleet",
            Optional.of(new Secret("hunter3")),
            1);
    assertThatThrownBy(() -> Database.start(nowhere, "worker"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:1/")
        .hasMessageContaining("as fleet")
        .hasMessageNotContaining("hunter2")
        .hasMessageNotContaining("hunter3");
  }

  private static List<String> tables(Database database) throws Exception {
    List<String> tables = new ArrayList<>();
    try (Connection connection = database.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = current_schema()")) {
      while (row.next()) {
        tables.add(row.getString(1));
      }
    }
    return tables;
  }
}
