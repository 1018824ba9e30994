package io.docfleet.tools;

import io.docfleet.config.ConfigException;
import io.docfleet.config.Secret;
import io.docfleet.localservers.LocalPostgres;
import io.docfleet.localservers.PostgresAddress;
import io.docfleet.store.DatabaseSettings;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The PostgreSQL of the demo and the pipeline benchmark, found or started by {@link LocalPostgres}
 * and described as {@link DatabaseSettings}: the configured settings when a server answers there,
 * else the embedded server's (user postgres, no password, the configured pool size). Lifecycle:
 * {@link #close} stops an embedded server started here.
 */
public final class LocalDatabase implements AutoCloseable {
  private final LocalPostgres server;
  private final DatabaseSettings settings;

  private LocalDatabase(LocalPostgres server, DatabaseSettings settings) {
    this.server = server;
    this.settings = settings;
  }

  /**
   * The PostgreSQL at {@code wanted}, else one started on its loopback port; an embedded server
   * started here writes its output to {@code serverLog} when one is given. A database name the
   * embedded server cannot create is a {@link ConfigException} naming DATABASE_URL.
   */
  public static LocalDatabase findOrStart(DatabaseSettings wanted, Optional<Path> serverLog) {
    PostgresAddress address =
        new PostgresAddress(wanted.url(), wanted.user(), wanted.password().map(Secret::value));
    LocalPostgres server;
    try {
      server =
          serverLog.isPresent()
              ? LocalPostgres.findOrStart(address, serverLog.get())
              : LocalPostgres.findOrStart(address);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage()); // a bad setting, said as the demo says them
    }
    DatabaseSettings settings =
        server.owned()
            ? new DatabaseSettings(
                server.address().url(),
                server.address().user(),
                Optional.empty(),
                wanted.poolSize())
            : wanted;
    return new LocalDatabase(server, settings);
  }

  /** How to reach this server. */
  public DatabaseSettings settings() {
    return settings;
  }

  /** Where the server came from: "already running", or "started the embedded ...". */
  public String origin() {
    return server.origin().description();
  }

  /** True when this instance started the server (and so stops it on close). */
  public boolean owned() {
    return server.owned();
  }

  @Override
  public void close() {
    server.close();
  }
}
