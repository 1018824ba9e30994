package io.docfleet.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/**
 * Binds a statement's parameters in their order, so that a long statement made of several parts
 * binds part after part without counting positions.
 */
final class Binder {
  private final Connection connection;
  private final PreparedStatement statement;
  private int index = 1;

  Binder(Connection connection, PreparedStatement statement) {
    this.connection = connection;
    this.statement = statement;
  }

  Binder text(String value) throws SQLException {
    statement.setObject(index++, value, Types.VARCHAR);
    return this;
  }

  Binder integer(Integer value) throws SQLException {
    statement.setObject(index++, value, Types.INTEGER);
    return this;
  }

  Binder timestamp(Instant value) throws SQLException {
    statement.setObject(index++, Jdbc.timestamp(value), Types.TIMESTAMP_WITH_TIMEZONE);
    return this;
  }

  Binder texts(String[] values) throws SQLException {
    statement.setArray(index++, connection.createArrayOf("text", values));
    return this;
  }

  Binder integers(Integer[] values) throws SQLException {
    statement.setArray(index++, connection.createArrayOf("integer", values));
    return this;
  }
}
