package io.docfleet.store;

import io.docfleet.document.PageText;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/** The {@code document_pages} table: every statement that touches it is here. */
final class JdbcPages implements PageStore {
  private static final String DELETE_OTHERS =
      "DELETE FROM document_pages WHERE document_id = ? AND page_number <> ALL (?)";
  private static final String INSERT =
      "INSERT INTO document_pages (document_id, page_number, text, method, char_count,"
          + " text_sha256)";
  private static final String ON_CONFLICT =
      " ON CONFLICT (document_id, page_number) DO UPDATE SET text = EXCLUDED.text,"
          + " method = EXCLUDED.method, char_count = EXCLUDED.char_count,"
          + " text_sha256 = EXCLUDED.text_sha256"
          + " WHERE (document_pages.text_sha256, document_pages.method)"
          + " IS DISTINCT FROM (EXCLUDED.text_sha256, EXCLUDED.method)";
  private static final String UPSERT = INSERT + " VALUES (?, ?, ?, ?, ?, ?)" + ON_CONFLICT;

  /**
   * {@link #write} as two CTEs of a stage's end (pages no longer in the set deleted, the set
   * upserted from arrays), written only when its status change applied.
   */
  static final String REPLACE_IF_CHANGED =
      "pages_gone AS (DELETE FROM document_pages WHERE document_id = ?"
          + " AND page_number <> ALL (?::integer[]) AND "
          + JdbcDocuments.IF_CHANGED
          + "), pages_put AS ("
          + INSERT
          + " SELECT ?, p.n, p.t, p.m, p.c, p.s"
          + " FROM unnest(?::integer[], ?::text[], ?::text[], ?::integer[], ?::text[])"
          + " AS p(n, t, m, c, s) WHERE "
          + JdbcDocuments.IF_CHANGED
          + ON_CONFLICT
          + ")";

  private static final String SELECT =
      "SELECT page_number, text, method FROM document_pages WHERE document_id = ?"
          + " ORDER BY page_number";

  private final DataSource dataSource;

  JdbcPages(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public int savePages(String documentId, List<PageText> pages) {
    return Jdbc.inTransaction(
        dataSource,
        "save the pages of document " + documentId,
        connection -> {
          JdbcDocuments.lockForWrite(connection, documentId);
          return write(connection, documentId, pages);
        });
  }

  /**
   * {@link #savePages} in the caller's transaction, which holds the document's row lock; returns
   * the rows written.
   */
  static int write(Connection connection, String documentId, List<PageText> pages)
      throws SQLException {
    Integer[] numbers = distinctNumbers(documentId, pages);
    return deleteOthers(connection, documentId, numbers) + upsert(connection, documentId, pages);
  }

  @Override
  public List<PageText> pages(String documentId) {
    return Jdbc.withConnection(
        dataSource,
        "read the pages of document " + documentId,
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(SELECT)) {
            statement.setString(1, documentId);
            List<PageText> pages = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
              while (row.next()) {
                pages.add(
                    new PageText(
                        row.getInt("page_number"), row.getString("text"), row.getString("method")));
              }
            }
            return pages;
          }
        });
  }

  private static int deleteOthers(Connection connection, String documentId, Integer[] numbers)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(DELETE_OTHERS)) {
      statement.setString(1, documentId);
      statement.setArray(2, connection.createArrayOf("integer", numbers));
      return statement.executeUpdate();
    }
  }

  private static int upsert(Connection connection, String documentId, List<PageText> pages)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(UPSERT)) {
      for (PageText page : pages) {
        statement.setString(1, documentId);
        statement.setInt(2, page.number());
        statement.setString(3, page.text());
        statement.setString(4, page.method());
        statement.setInt(5, page.text().length());
        statement.setString(6, Jdbc.sha256(page.text()));
        statement.addBatch();
      }
      return Jdbc.rowsWritten(statement.executeBatch());
    }
  }

  /** Binds the values of {@link #REPLACE_IF_CHANGED}. */
  static void bindReplace(Binder binder, String documentId, List<PageText> pages)
      throws SQLException {
    Integer[] numbers = new Integer[pages.size()];
    String[] texts = new String[pages.size()];
    String[] methods = new String[pages.size()];
    Integer[] counts = new Integer[pages.size()];
    String[] hashes = new String[pages.size()];
    for (int i = 0; i < pages.size(); i++) {
      PageText page = pages.get(i);
      numbers[i] = page.number();
      texts[i] = page.text();
      methods[i] = page.method();
      counts[i] = page.text().length();
      hashes[i] = Jdbc.sha256(page.text());
    }
    binder
        .text(documentId)
        .integers(distinctNumbers(documentId, pages))
        .text(documentId)
        .integers(numbers)
        .texts(texts)
        .texts(methods)
        .integers(counts)
        .texts(hashes);
  }

  private static Integer[] distinctNumbers(String documentId, List<PageText> pages) {
    Set<Integer> numbers = new HashSet<>();
    for (PageText page : pages) {
      if (!numbers.add(page.number())) {
        throw new IllegalArgumentException(
            "document " + documentId + ": page " + page.number() + " is given twice");
      }
    }
    return numbers.toArray(Integer[]::new);
  }
}
