package io.docfleet.api.health;

import io.docfleet.api.redismonitor.Outcome;
import io.docfleet.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks PostgreSQL for a valid connection of the coordinator's pool, on a thread of the health
 * report's, and waits at most {@value #WAIT_SECONDS} s for it: with the server gone the pool waits
 * up to its connection timeout (30 s) before it gives up, longer than a probe may take. A look
 * still under way is joined by the next caller, not repeated, so a dead server holds one thread.
 */
final class PostgresProbe {
  static final long WAIT_SECONDS = 2;

  private final Database database;
  private final Executor threads;
  private CompletableFuture<Double> look;

  PostgresProbe(Database database, Executor threads) {
    this.database = database;
    this.threads = threads;
  }

  /** The milliseconds a connection took, or why there was none within the wait. */
  Outcome<Double> probe() {
    try {
      return new Outcome.Answered<>(look().get(WAIT_SECONDS, TimeUnit.SECONDS));
    } catch (TimeoutException e) {
      return new Outcome.Unavailable<>(
          "no connection within "
              + WAIT_SECONDS
              + " s ("
              + database.use().summary()
              + "); the pool is still waiting for one",
          "TimeoutException");
    } catch (ExecutionException e) {
      return Outcome.unavailable(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.unavailable(e);
    }
  }

  private synchronized CompletableFuture<Double> look() {
    if (look == null || look.isDone()) {
      look = CompletableFuture.supplyAsync(this::connect, threads);
    }
    return look;
  }

  private double connect() {
    long start = System.nanoTime();
    try (Connection connection = database.dataSource().getConnection()) {
      if (!connection.isValid((int) WAIT_SECONDS)) {
        throw new IllegalStateException("the connection is not valid");
      }
    } catch (SQLException e) {
      throw new CompletionException(e); // the future fails with e itself
    }
    return (System.nanoTime() - start) / 1e6;
  }
}
