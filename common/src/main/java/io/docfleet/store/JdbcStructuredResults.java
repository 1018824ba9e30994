package io.docfleet.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@code structured_results} table: every statement that touches it is here. */
final class JdbcStructuredResults implements StructuredResultStore {
  private static final String INSERT =
      "INSERT INTO structured_results (document_id, extractor, schema_version, content_sha256,"
          + " result, created_at)";
  private static final String ON_CONFLICT =
      " ON CONFLICT (document_id, extractor, schema_version, content_sha256)"
          + " DO UPDATE SET result = EXCLUDED.result, created_at = EXCLUDED.created_at"
          + " WHERE structured_results.result IS DISTINCT FROM EXCLUDED.result";
  private static final String UPSERT = INSERT + " VALUES (?, ?, ?, ?, ?::jsonb, ?)" + ON_CONFLICT;

  /** The upsert as a CTE of a stage's end, written only when its status change applied. */
  static final String SAVE_IF_CHANGED =
      "structured AS ("
          + INSERT
          + " SELECT ?, ?, ?, ?, ?::jsonb, ? WHERE "
          + JdbcDocuments.IF_CHANGED
          + ON_CONFLICT
          + ")";

  private static final String LATEST =
      "SELECT document_id, extractor, schema_version, content_sha256, result::text AS result"
          + " FROM structured_results WHERE document_id = ? AND extractor = ?"
          + " ORDER BY created_at DESC, schema_version DESC LIMIT 1";

  private static final String LATEST_OF_EACH =
      "SELECT DISTINCT ON (extractor) document_id, extractor, schema_version, content_sha256,"
          + " result::text AS result FROM structured_results WHERE document_id = ?"
          + " ORDER BY extractor, created_at DESC, schema_version DESC";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DataSource dataSource;
  private final Clock clock;

  JdbcStructuredResults(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  @Override
  public int save(StructuredResult result) {
    return Jdbc.withConnection(
        dataSource,
        "save the " + result.extractor() + " result of document " + result.documentId(),
        connection -> write(connection, result, Jdbc.now(clock)));
  }

  /** {@link #save} on the caller's connection (and in its transaction, if any). */
  static int write(Connection connection, StructuredResult result, Instant now)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(UPSERT)) {
      bind(new Binder(connection, statement), result, now);
      return statement.executeUpdate();
    }
  }

  /** Binds the six values of the upsert (or of {@link #SAVE_IF_CHANGED}). */
  static void bind(Binder binder, StructuredResult result, Instant now) throws SQLException {
    binder
        .text(result.documentId())
        .text(result.extractor())
        .integer(result.schemaVersion())
        .text(result.contentSha256())
        .text(result.result().toString())
        .timestamp(now);
  }

  @Override
  public Optional<StructuredResult> latest(String documentId, String extractor) {
    return Jdbc.withConnection(
        dataSource,
        "read the " + extractor + " result of document " + documentId,
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(LATEST)) {
            statement.setString(1, documentId);
            statement.setString(2, extractor);
            try (ResultSet row = statement.executeQuery()) {
              return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public List<StructuredResult> latestOfEach(String documentId) {
    return Jdbc.withConnection(
        dataSource,
        "read the structured results of document " + documentId,
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(LATEST_OF_EACH)) {
            statement.setString(1, documentId);
            try (ResultSet row = statement.executeQuery()) {
              List<StructuredResult> results = new ArrayList<>();
              while (row.next()) {
                results.add(read(row));
              }
              return results;
            }
          }
        });
  }

  private static StructuredResult read(ResultSet row) throws SQLException {
    try {
      return new StructuredResult(
          row.getString("document_id"),
          row.getString("extractor"),
          row.getInt("schema_version"),
          row.getString("content_sha256"),
          JSON.readTree(row.getString("result")));
    } catch (JsonProcessingException e) {
      throw new StoreException("PostgreSQL returned jsonb that is not JSON: " + e, e);
    }
  }
}
