package io.docfleet.spend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Writes rows of the spend ledger ({@code provider_calls}): {@link #record} in a statement of its
 * own, or {@link #insert} on a connection the caller holds, so the rows go in the same transaction
 * (and the same round trip, as one batch) as the stage result they paid for.
 */
public final class JdbcProviderCallLedger {
  static final String INSERT =
      "INSERT INTO provider_calls (at, document_id, group_name, stage, task_id, provider,"
          + " operation, model, cached, units, price, cost_usd)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DataSource dataSource;

  public JdbcProviderCallLedger(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Writes {@code calls} as one batch, in one transaction. */
  public void record(List<ProviderCall> calls) {
    if (calls.isEmpty()) {
      return;
    }
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        insert(connection, calls);
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new SpendException(
          "cannot record " + calls.size() + " provider call(s): " + e.getMessage(), e);
    }
  }

  /** Adds {@code calls} as one batch on {@code connection} (its transaction, if it has one). */
  public static void insert(Connection connection, List<ProviderCall> calls) throws SQLException {
    if (calls.isEmpty()) {
      return;
    }
    try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
      for (ProviderCall call : calls) {
        // PostgreSQL keeps microseconds; the driver would round a finer instant
        statement.setObject(1, call.at().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC));
        statement.setString(2, call.documentId());
        statement.setString(3, call.group());
        statement.setString(4, call.stage());
        statement.setString(5, call.taskId());
        statement.setString(6, call.provider());
        statement.setString(7, call.operation());
        statement.setString(8, call.model());
        statement.setBoolean(9, call.cached());
        statement.setString(10, json(call.units()));
        statement.setString(11, json(call.price()));
        statement.setBigDecimal(12, call.costUsd());
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }

  private static String json(Map<String, ?> values) {
    try {
      return JSON.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("a map of names to numbers or text: " + values, e);
    }
  }
}
