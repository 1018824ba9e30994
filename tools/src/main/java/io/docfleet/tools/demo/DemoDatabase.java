package io.docfleet.tools.demo;

import io.docfleet.config.Env;
import io.docfleet.store.Database;
import io.docfleet.store.DatabaseSettings;
import io.docfleet.store.Schemas;
import io.docfleet.tools.LocalDatabase;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The pipeline demo's PostgreSQL: the one at DATABASE_URL, else an embedded one, and a schema of
 * the run's own, migrated, so that a repeated run starts from the same empty store.
 *
 * <p>Lifecycle: {@link #open}; at the end {@link #dropSchema} closes the pool and drops the schema
 * (unless {@code --keep}), and {@link #stopIfStarted} stops a server the run started.
 */
final class DemoDatabase {
  private final DemoConsole console;
  private final boolean keep;
  private LocalDatabase postgres;
  private String schema;
  private Database database;

  /** A database for a run that keeps its schema at the end when {@code keep} (--keep). */
  DemoDatabase(DemoConsole console, boolean keep) {
    this.console = console;
    this.keep = keep;
  }

  /**
   * Finds or starts the server (an embedded one logs to {@code serverLog}), creates the schema
   * {@code name} and points the run environment's DATABASE_URL and DATABASE_USER at it.
   */
  void open(Map<String, String> runEnvironment, String name, Path serverLog) {
    postgres =
        LocalDatabase.findOrStart(
            DatabaseSettings.fromEnv(new Env(runEnvironment)), Optional.of(serverLog));
    DatabaseSettings server = postgres.settings();
    console.line("postgresql:  " + server.redactedUrl() + " (" + postgres.origin() + ")");
    DatabaseSettings inSchema = Schemas.create(server, name).withPoolSize(2);
    schema = name;
    database = Database.start(inSchema, "demo");
    runEnvironment.put("DATABASE_URL", inSchema.url());
    runEnvironment.put("DATABASE_USER", inSchema.user());
    if (postgres.owned()) {
      runEnvironment.remove("DATABASE_PASSWORD");
    }
    console.line(
        "schema:      " + name + (keep ? " (kept at the end: --keep)" : " (dropped at the end)"));
  }

  /** The run's pool, on its schema. */
  Database database() {
    return database;
  }

  /** Closes the pool and drops the run's schema, unless kept. Does nothing before {@link #open}. */
  void dropSchema() {
    if (database != null) {
      database.close();
    }
    if (schema == null) {
      return;
    }
    if (keep) {
      console.line("kept the schema " + schema);
      return;
    }
    try {
      Schemas.drop(postgres.settings(), schema);
      console.line("dropped the run's schema " + schema);
    } catch (RuntimeException e) {
      console.line("could not drop the schema " + schema + ": " + e.getMessage());
    }
  }

  /** Stops the PostgreSQL the run started, if it did. */
  void stopIfStarted() {
    if (postgres != null && postgres.owned()) {
      postgres.close();
      console.line("stopped the PostgreSQL the demo started on port " + postgres.settings().port());
    }
  }
}
