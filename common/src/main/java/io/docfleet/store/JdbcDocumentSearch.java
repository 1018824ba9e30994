package io.docfleet.store;

import io.docfleet.store.DocumentSearch.Page;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Searches the {@code documents} table, newest first (by {@code created_at}, then id): the
 * conditions are fixed fragments, joined for the parts a search gives, and every value a client
 * sent is a bound parameter, its LIKE wildcards escaped. The count and the page are two statements
 * on one connection.
 */
final class JdbcDocumentSearch {
  private static final String ORDER = " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?";

  private final DataSource dataSource;

  JdbcDocumentSearch(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  Page search(DocumentSearch search, long offset, int limit) {
    List<String> conditions = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    search
        .text()
        .ifPresent(
            text -> {
              conditions.add("(id ILIKE ? ESCAPE '\\' OR name ILIKE ? ESCAPE '\\')");
              values.add(literal(text) + "%");
              values.add("%" + literal(text) + "%");
            });
    search
        .status()
        .ifPresent(
            status -> {
              conditions.add("status = ?");
              values.add(status.wireName());
            });
    search
        .sourcePrefix()
        .ifPresent(
            source -> {
              conditions.add("source LIKE ? ESCAPE '\\'");
              values.add(literal(source) + "%");
            });
    search
        .from()
        .ifPresent(
            from -> {
              conditions.add("created_at >= ?");
              values.add(Jdbc.timestamp(atStoredPrecision(from)));
            });
    search
        .to()
        .ifPresent(
            to -> {
              conditions.add("created_at < ?");
              values.add(Jdbc.timestamp(atStoredPrecision(to)));
            });
    String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    return Jdbc.withConnection(
        dataSource,
        "search documents",
        connection -> {
          long total = count(connection, where, values);
          if (total <= offset) {
            return new Page(total, List.of());
          }
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT " + JdbcDocuments.COLUMNS + " FROM documents" + where + ORDER)) {
            int next = bind(statement, values);
            statement.setInt(next, limit);
            statement.setLong(next + 1, offset);
            return new Page(total, JdbcDocuments.list(statement));
          }
        });
  }

  private static long count(Connection connection, String where, List<Object> values)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT count(*) FROM documents" + where)) {
      bind(statement, values);
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  /** Binds {@code values} from the first parameter on; returns the next parameter's index. */
  private static int bind(PreparedStatement statement, List<Object> values) throws SQLException {
    int index = 1;
    for (Object value : values) {
      statement.setObject(index++, value);
    }
    return index;
  }

  /**
   * An instant cut to the microseconds PostgreSQL stores, as {@link Jdbc#now} cuts what is written:
   * the driver rounds a finer instant to the nearest microsecond, which could move a bound past a
   * row created at that very instant.
   */
  private static Instant atStoredPrecision(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  /** {@code text} for LIKE with its wildcards and the escape character taken literally. */
  static String literal(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
