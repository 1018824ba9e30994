package io.docfleet.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.spend.JdbcProviderCallLedger;
import io.docfleet.spend.ProviderCall;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The {@code provider_calls} table, the spend ledger, as the stages write and the document's result
 * reads it. A stage's end inserts its rows as one more CTE of its own statement: they travel as one
 * JSON parameter ({@code jsonb_to_recordset}), so any number of them is one statement. Rows written
 * on their own go through {@link JdbcProviderCallLedger} (one batch); the reports read the table
 * through {@link io.docfleet.spend.SpendReport}.
 */
final class JdbcProviderCalls implements ProviderCallStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Long>> UNITS = new TypeReference<>() {};
  private static final TypeReference<Map<String, String>> PRICE = new TypeReference<>() {};

  private static final String INSERT =
      "INSERT INTO provider_calls (at, document_id, group_name, stage, task_id, provider,"
          + " operation, model, cached, units, price, cost_usd)"
          + " SELECT r.at, r.document_id, r.group_name, r.stage, r.task_id, r.provider,"
          + " r.operation, r.model, r.cached, r.units, r.price, r.cost_usd::numeric"
          + " FROM jsonb_to_recordset(CAST(? AS jsonb)) AS r(at timestamptz, document_id text,"
          + " group_name text, stage text, task_id text, provider text, operation text, model"
          + " text, cached boolean, units jsonb, price jsonb, cost_usd text)";

  /** The insert as a CTE of a stage's end, written only when its status change applied. */
  static final String RECORD_IF_CHANGED =
      "spend AS (" + INSERT + " WHERE " + JdbcDocuments.IF_CHANGED + ")";

  private static final String SELECT =
      "SELECT at, document_id, group_name, stage, task_id, provider, operation, model, cached,"
          + " units::text AS units, price::text AS price, cost_usd FROM provider_calls"
          + " WHERE document_id = ? ORDER BY at, id";

  private final DataSource dataSource;

  JdbcProviderCalls(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void record(List<ProviderCall> calls) {
    if (calls.isEmpty()) {
      return;
    }
    Jdbc.withConnection(
        dataSource,
        "record " + calls.size() + " provider calls",
        connection -> {
          write(connection, calls);
          return calls.size();
        });
  }

  /**
   * {@link #record} on the caller's connection (and in its transaction, if any): one batch of the
   * reports' writer ({@link JdbcProviderCallLedger}).
   */
  static void write(Connection connection, List<ProviderCall> calls) throws SQLException {
    JdbcProviderCallLedger.insert(connection, calls);
  }

  /** Binds the rows: the one parameter of the insert (or of {@link #RECORD_IF_CHANGED}). */
  static void bind(Binder binder, List<ProviderCall> calls) throws SQLException {
    binder.text(json(calls));
  }

  @Override
  public List<ProviderCall> ofDocument(String documentId) {
    return Jdbc.withConnection(
        dataSource,
        "read the provider calls of document " + documentId,
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(SELECT)) {
            statement.setString(1, documentId);
            List<ProviderCall> calls = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
              while (row.next()) {
                calls.add(read(row));
              }
            }
            return calls;
          }
        });
  }

  private static ProviderCall read(ResultSet row) throws SQLException {
    try {
      return new ProviderCall(
          row.getTimestamp("at").toInstant(),
          row.getString("document_id"),
          row.getString("group_name"),
          row.getString("stage"),
          row.getString("task_id"),
          row.getString("provider"),
          row.getString("operation"),
          row.getString("model"),
          row.getBoolean("cached"),
          JSON.readValue(row.getString("units"), UNITS),
          JSON.readValue(row.getString("price"), PRICE),
          row.getBigDecimal("cost_usd"));
    } catch (JsonProcessingException e) {
      throw new SQLException("a provider_calls row cannot be read: " + e.getMessage(), e);
    }
  }

  private static String json(List<ProviderCall> calls) {
    ArrayNode rows = JSON.createArrayNode();
    for (ProviderCall call : calls) {
      ObjectNode row = rows.addObject();
      row.put("at", call.at().truncatedTo(ChronoUnit.MICROS).toString())
          .put("document_id", call.documentId())
          .put("group_name", call.group())
          .put("stage", call.stage())
          .put("task_id", call.taskId())
          .put("provider", call.provider())
          .put("operation", call.operation())
          .put("model", call.model())
          .put("cached", call.cached())
          .put("cost_usd", call.costUsd().toPlainString());
      call.units().forEach(row.putObject("units")::put);
      call.price().forEach(row.putObject("price")::put);
    }
    return rows.toString();
  }
}
