package io.docfleet.store;

import io.docfleet.document.Chunk;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/** The {@code chunks} table: every statement that touches it is here. */
final class JdbcChunks implements ChunkStore {
  private static final String DELETE_OTHERS =
      "DELETE FROM chunks WHERE document_id = ? AND chunk_id <> ALL (?)";
  private static final String INSERT =
      "INSERT INTO chunks (document_id, chunk_id, chunk_index, start_offset, end_offset, sha256,"
          + " text)";
  private static final String ON_CONFLICT =
      " ON CONFLICT (document_id, chunk_id) DO UPDATE SET chunk_index = EXCLUDED.chunk_index,"
          + " start_offset = EXCLUDED.start_offset, end_offset = EXCLUDED.end_offset,"
          + " sha256 = EXCLUDED.sha256, text = EXCLUDED.text"
          + " WHERE (chunks.chunk_index, chunks.start_offset, chunks.end_offset, chunks.sha256)"
          + " IS DISTINCT FROM"
          + " (EXCLUDED.chunk_index, EXCLUDED.start_offset, EXCLUDED.end_offset, EXCLUDED.sha256)";
  private static final String UPSERT = INSERT + " VALUES (?, ?, ?, ?, ?, ?, ?)" + ON_CONFLICT;

  /**
   * {@link #write} as two CTEs of a stage's end (chunks no longer in the set deleted, the set
   * upserted from arrays), written only when its status change applied.
   */
  static final String REPLACE_IF_CHANGED =
      "chunks_gone AS (DELETE FROM chunks WHERE document_id = ? AND chunk_id <> ALL (?::text[])"
          + " AND "
          + JdbcDocuments.IF_CHANGED
          + "), chunks_put AS ("
          + INSERT
          + " SELECT ?, c.id, c.i, c.s, c.e, c.h, c.t FROM unnest(?::text[], ?::integer[],"
          + " ?::integer[], ?::integer[], ?::text[], ?::text[]) AS c(id, i, s, e, h, t) WHERE "
          + JdbcDocuments.IF_CHANGED
          + ON_CONFLICT
          + ")";

  private static final String SELECT =
      "SELECT chunk_id, chunk_index, start_offset, end_offset, sha256, text FROM chunks"
          + " WHERE document_id = ? ORDER BY chunk_index";

  private final DataSource dataSource;

  JdbcChunks(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public int saveChunks(String documentId, List<Chunk> chunks) {
    return Jdbc.inTransaction(
        dataSource,
        "save the chunks of document " + documentId,
        connection -> {
          JdbcDocuments.lockForWrite(connection, documentId);
          return write(connection, documentId, chunks);
        });
  }

  /**
   * {@link #saveChunks} in the caller's transaction, which holds the document's row lock; returns
   * the rows written.
   */
  static int write(Connection connection, String documentId, List<Chunk> chunks)
      throws SQLException {
    String[] ids = distinctIds(documentId, chunks);
    return deleteOthers(connection, documentId, ids) + upsert(connection, documentId, chunks);
  }

  @Override
  public List<Chunk> chunks(String documentId) {
    return Jdbc.withConnection(
        dataSource,
        "read the chunks of document " + documentId,
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(SELECT)) {
            statement.setString(1, documentId);
            List<Chunk> chunks = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
              while (row.next()) {
                chunks.add(
                    new Chunk(
                        row.getString("chunk_id"),
                        row.getInt("chunk_index"),
                        row.getInt("start_offset"),
                        row.getInt("end_offset"),
                        row.getString("sha256"),
                        row.getString("text")));
              }
            }
            return chunks;
          }
        });
  }

  private static int deleteOthers(Connection connection, String documentId, String[] ids)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(DELETE_OTHERS)) {
      statement.setString(1, documentId);
      statement.setArray(2, connection.createArrayOf("text", ids));
      return statement.executeUpdate();
    }
  }

  private static int upsert(Connection connection, String documentId, List<Chunk> chunks)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(UPSERT)) {
      for (Chunk chunk : chunks) {
        statement.setString(1, documentId);
        statement.setString(2, chunk.id());
        statement.setInt(3, chunk.index());
        statement.setInt(4, chunk.start());
        statement.setInt(5, chunk.end());
        statement.setString(6, chunk.sha256());
        statement.setString(7, chunk.text());
        statement.addBatch();
      }
      return Jdbc.rowsWritten(statement.executeBatch());
    }
  }

  /** Binds the values of {@link #REPLACE_IF_CHANGED}. */
  static void bindReplace(Binder binder, String documentId, List<Chunk> chunks)
      throws SQLException {
    String[] ids = new String[chunks.size()];
    Integer[] indexes = new Integer[chunks.size()];
    Integer[] starts = new Integer[chunks.size()];
    Integer[] ends = new Integer[chunks.size()];
    String[] hashes = new String[chunks.size()];
    String[] texts = new String[chunks.size()];
    for (int i = 0; i < chunks.size(); i++) {
      Chunk chunk = chunks.get(i);
      ids[i] = chunk.id();
      indexes[i] = chunk.index();
      starts[i] = chunk.start();
      ends[i] = chunk.end();
      hashes[i] = chunk.sha256();
      texts[i] = chunk.text();
    }
    binder
        .text(documentId)
        .texts(distinctIds(documentId, chunks))
        .text(documentId)
        .texts(ids)
        .integers(indexes)
        .integers(starts)
        .integers(ends)
        .texts(hashes)
        .texts(texts);
  }

  private static String[] distinctIds(String documentId, List<Chunk> chunks) {
    Set<String> ids = new HashSet<>();
    for (Chunk chunk : chunks) {
      if (!ids.add(chunk.id())) {
        throw new IllegalArgumentException(
            "document " + documentId + ": chunk " + chunk.id() + " is given twice");
      }
    }
    return ids.toArray(String[]::new);
  }
}
