package io.docfleet.store;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * The lists of the {@code documents} table that the reconciler and the cache warmer walk, and the
 * console's search ({@link JdbcDocumentSearch}).
 */
final class JdbcDocumentQueries implements DocumentQueries {
  private static final String UNFINISHED =
      "SELECT "
          + JdbcDocuments.COLUMNS
          + " FROM documents WHERE status IN ('queued', 'processing')"
          + " ORDER BY updated_at, id LIMIT ?";
  private static final String UNFINISHED_AFTER =
      "SELECT "
          + JdbcDocuments.COLUMNS
          + " FROM documents WHERE status IN ('queued', 'processing') AND (updated_at, id) > (?, ?)"
          + " ORDER BY updated_at, id LIMIT ?";
  private static final String COMPLETED_SINCE =
      "SELECT "
          + JdbcDocuments.COLUMNS
          + " FROM documents WHERE status = 'completed' AND completed_at >= ?"
          + " ORDER BY completed_at DESC, id LIMIT ?";

  private final DataSource dataSource;
  private final JdbcDocumentSearch search;

  JdbcDocumentQueries(DataSource dataSource) {
    this.dataSource = dataSource;
    this.search = new JdbcDocumentSearch(dataSource);
  }

  @Override
  public DocumentSearch.Page search(DocumentSearch criteria, long offset, int limit) {
    return search.search(criteria, offset, limit);
  }

  @Override
  public List<DocumentRecord> unfinished(int limit) {
    return Jdbc.withConnection(
        dataSource,
        "list unfinished documents",
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(UNFINISHED)) {
            statement.setInt(1, limit);
            return JdbcDocuments.list(statement);
          }
        });
  }

  @Override
  public List<DocumentRecord> unfinishedAfter(Instant updatedAt, String id, int limit) {
    return Jdbc.withConnection(
        dataSource,
        "list unfinished documents after " + id,
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(UNFINISHED_AFTER)) {
            statement.setObject(1, Jdbc.timestamp(updatedAt));
            statement.setString(2, id);
            statement.setInt(3, limit);
            return JdbcDocuments.list(statement);
          }
        });
  }

  @Override
  public List<DocumentRecord> completedSince(Instant since, int limit) {
    return Jdbc.withConnection(
        dataSource,
        "list documents completed since " + since,
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(COMPLETED_SINCE)) {
            statement.setObject(1, Jdbc.timestamp(since));
            statement.setInt(2, limit);
            return JdbcDocuments.list(statement);
          }
        });
  }
}
