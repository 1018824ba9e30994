package io.docfleet.testing;

import io.docfleet.config.Env;
import io.docfleet.config.Secret;
import io.docfleet.localservers.LocalPostgres;
import io.docfleet.localservers.PostgresAddress;
import io.docfleet.store.Database;
import io.docfleet.store.DatabaseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The PostgreSQL the tests use, found the way the demo finds it: {@code DATABASE_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres}) when a connection succeeds, else an embedded
 * server started for this test run. The server is shared, so each test class gets a schema of its
 * own ({@code docfleet_test_<class>_<random>}), migrated unless it asks for an empty one, and
 * dropped after the class's last test:
 *
 * <pre>{@code @RegisterExtension static final TestDatabase db = TestDatabase.migrated();}</pre>
 */
public final class TestDatabase implements BeforeAllCallback, AfterAllCallback {
  private static final int POOL_SIZE = 2;
  private static DatabaseSettings configured;
  private static LocalPostgres server;

  private final boolean migrate;
  private String schema;
  private DatabaseSettings settings;
  private Database database;

  private TestDatabase(boolean migrate) {
    this.migrate = migrate;
  }

  /** A schema with the docfleet tables, opened as a {@link Database} with a small pool. */
  public static TestDatabase migrated() {
    return new TestDatabase(true);
  }

  /** An empty schema; the test opens (and so migrates) a {@link Database} itself. */
  public static TestDatabase empty() {
    return new TestDatabase(false);
  }

  /** How to reach the shared test server (its default schema), starting one when none answers. */
  public static synchronized DatabaseSettings server() {
    if (server == null) {
      configured = DatabaseSettings.fromEnv(Env.system()).withPoolSize(POOL_SIZE);
      server =
          LocalPostgres.findOrStart(
              new PostgresAddress(
                  configured.url(), configured.user(), configured.password().map(Secret::value)));
      Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    }
    // an embedded server started here: user postgres, no password
    return server.owned()
        ? new DatabaseSettings(
            server.address().url(), server.address().user(), Optional.empty(), POOL_SIZE)
        : configured;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    String owner = context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT);
    schema =
        "docfleet_test_"
            + owner.substring(0, Math.min(owner.length(), 30))
            + "_"
            + UUID.randomUUID().toString().substring(0, 8);
    execute("CREATE SCHEMA " + schema);
    settings = server().inSchema(schema);
    if (migrate) {
      database = Database.start(settings, "test");
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (database != null) {
      database.close();
    }
    execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }

  /** Settings whose URL resolves unqualified names in this class's schema. */
  public DatabaseSettings settings() {
    return settings;
  }

  public String schema() {
    return schema;
  }

  /** The migrated database of a {@link #migrated()} schema. */
  public Database database() {
    if (database == null) {
      throw new IllegalStateException("an empty() test database has no Database: start one");
    }
    return database;
  }

  public DataSource dataSource() {
    return database().dataSource();
  }

  /** Empties every docfleet table (documents and what hangs off them, and the spend ledger). */
  public void clear() {
    update("DELETE FROM documents");
    update("DELETE FROM provider_calls"); // no foreign key: the ledger outlives its documents
  }

  /** The number of rows in {@code table} (of this schema), for idempotency proofs. */
  public long count(String table) {
    return queryLong("SELECT count(*) FROM " + table);
  }

  /** Runs one query that returns a single number, in this schema. */
  public long queryLong(String sql) {
    try (Connection connection = dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** Runs one statement in this schema (seeding, or breaking things on purpose). */
  public void update(String sql) {
    run(settings, sql);
  }

  private static void execute(String sql) {
    run(server(), sql);
  }

  private static void run(DatabaseSettings target, String sql) {
    Properties properties = new Properties();
    properties.setProperty("user", target.user());
    target.password().ifPresent(secret -> properties.setProperty("password", secret.value()));
    try (Connection connection = DriverManager.getConnection(target.url(), properties);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
