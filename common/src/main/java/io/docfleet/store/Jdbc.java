package io.docfleet.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import javax.sql.DataSource;

/** The JDBC chores every table class shares: transactions, error translation, timestamps. */
final class Jdbc {
  /** Work on a connection; may throw {@link SQLException}. */
  @FunctionalInterface
  interface Work<T> {
    T apply(Connection connection) throws SQLException;
  }

  private static final String FOREIGN_KEY_VIOLATION = "23503";

  private Jdbc() {}

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
   */
  static <T> T inTransaction(DataSource dataSource, String what, Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.apply(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollback(connection, e);
        throw e;
      }
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  /** Runs {@code work} on a pooled connection in auto-commit mode (single statements). */
  static <T> T withConnection(DataSource dataSource, String what, Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      return work.apply(connection);
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  private static void rollback(Connection connection, Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  static StoreException failure(String what, SQLException e) {
    if (FOREIGN_KEY_VIOLATION.equals(e.getSQLState())) {
      return new UnknownDocumentException(what, e);
    }
    return new StoreException(what + ": " + e.getMessage(), e);
  }

  /** The clock's instant at PostgreSQL's precision (microseconds), so it reads back equal. */
  static Instant now(Clock clock) {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  static OffsetDateTime timestamp(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(ResultSet row, String column) throws SQLException {
    return optionalInstant(row, column).orElseThrow();
  }

  static Optional<Instant> optionalInstant(ResultSet row, String column) throws SQLException {
    return Optional.ofNullable(row.getObject(column, OffsetDateTime.class))
        .map(OffsetDateTime::toInstant);
  }

  /** Adds up a batch's update counts: 1 for each row inserted, updated or deleted. */
  static int rowsWritten(int[] counts) {
    int total = 0;
    for (int count : counts) {
      total += Math.max(count, 0);
    }
    return total;
  }

  /** The lower-case hex sha256 of {@code text} in UTF-8. */
  static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
