package io.docfleet.store;

import io.docfleet.document.Entity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The {@code entities} table: every statement that touches it is here. An entity's chunk id is
 * looked up in {@code chunks} as it is saved: the first chunk whose span holds its start.
 */
final class JdbcEntities implements EntityStore {
  private static final String DELETE_OTHERS =
      "DELETE FROM entities WHERE document_id = ? AND extractor = ?"
          + " AND (type, start_offset, end_offset) NOT IN"
          + " (SELECT * FROM unnest(?::text[], ?::integer[], ?::integer[]))";
  private static final String INSERT =
      "INSERT INTO entities (document_id, extractor, type, start_offset, end_offset, text,"
          + " chunk_id)";
  private static final String ON_CONFLICT =
      " ON CONFLICT (document_id, extractor, type, start_offset, end_offset)"
          + " DO UPDATE SET text = EXCLUDED.text, chunk_id = EXCLUDED.chunk_id"
          + " WHERE (entities.text, entities.chunk_id)"
          + " IS DISTINCT FROM (EXCLUDED.text, EXCLUDED.chunk_id)";
  private static final String UPSERT =
      INSERT
          + " VALUES (?, ?, ?, ?, ?, ?, (SELECT c.chunk_id FROM chunks c"
          + " WHERE c.document_id = ? AND c.start_offset <= ? AND ? < c.end_offset"
          + " ORDER BY c.chunk_index LIMIT 1))"
          + ON_CONFLICT;

  /**
   * {@link #write} as two CTEs of a stage's end (the extractor's entities no longer in the set
   * deleted, the set upserted from arrays), written only when its status change applied.
   */
  static final String REPLACE_IF_CHANGED =
      "entities_gone AS (DELETE FROM entities WHERE document_id = ? AND extractor = ?"
          + " AND (type, start_offset, end_offset) NOT IN"
          + " (SELECT * FROM unnest(?::text[], ?::integer[], ?::integer[])) AND "
          + JdbcDocuments.IF_CHANGED
          + "), entities_put AS ("
          + INSERT
          + " SELECT ?, ?, n.type, n.s, n.e, n.t, (SELECT c.chunk_id FROM chunks c"
          + " WHERE c.document_id = ? AND c.start_offset <= n.s AND n.s < c.end_offset"
          + " ORDER BY c.chunk_index LIMIT 1)"
          + " FROM unnest(?::text[], ?::integer[], ?::integer[], ?::text[]) AS n(type, s, e, t)"
          + " WHERE "
          + JdbcDocuments.IF_CHANGED
          + ON_CONFLICT
          + ")";

  private static final String SELECT =
      "SELECT type, text, start_offset, end_offset, extractor FROM entities"
          + " WHERE document_id = ? ORDER BY start_offset, end_offset, type, extractor";

  private final DataSource dataSource;

  JdbcEntities(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public int replaceEntities(String documentId, String extractor, List<Entity> entities) {
    return Jdbc.inTransaction(
        dataSource,
        "save the " + extractor + " entities of document " + documentId,
        connection -> {
          JdbcDocuments.lockForWrite(connection, documentId);
          return write(connection, documentId, extractor, entities);
        });
  }

  /**
   * {@link #replaceEntities} in the caller's transaction, which holds the document's row lock;
   * returns the rows written.
   */
  static int write(
      Connection connection, String documentId, String extractor, List<Entity> entities)
      throws SQLException {
    Collection<Entity> distinct = distinct(extractor, entities);
    return deleteOthers(connection, documentId, extractor, distinct)
        + upsert(connection, documentId, distinct);
  }

  @Override
  public List<Entity> entities(String documentId) {
    return Jdbc.withConnection(
        dataSource,
        "read the entities of document " + documentId,
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(SELECT)) {
            statement.setString(1, documentId);
            List<Entity> entities = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
              while (row.next()) {
                entities.add(
                    new Entity(
                        row.getString("type"),
                        row.getString("text"),
                        row.getInt("start_offset"),
                        row.getInt("end_offset"),
                        row.getString("extractor")));
              }
            }
            return entities;
          }
        });
  }

  private static int deleteOthers(
      Connection connection, String documentId, String extractor, Collection<Entity> kept)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(DELETE_OTHERS)) {
      statement.setString(1, documentId);
      statement.setString(2, extractor);
      statement.setArray(
          3,
          connection.createArrayOf("text", kept.stream().map(Entity::type).toArray(String[]::new)));
      statement.setArray(
          4,
          connection.createArrayOf(
              "integer", kept.stream().map(Entity::start).toArray(Integer[]::new)));
      statement.setArray(
          5,
          connection.createArrayOf(
              "integer", kept.stream().map(Entity::end).toArray(Integer[]::new)));
      return statement.executeUpdate();
    }
  }

  private static int upsert(Connection connection, String documentId, Collection<Entity> entities)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(UPSERT)) {
      for (Entity entity : entities) {
        statement.setString(1, documentId);
        statement.setString(2, entity.extractor());
        statement.setString(3, entity.type());
        statement.setInt(4, entity.start());
        statement.setInt(5, entity.end());
        statement.setString(6, entity.text());
        statement.setString(7, documentId);
        statement.setInt(8, entity.start());
        statement.setInt(9, entity.start());
        statement.addBatch();
      }
      return Jdbc.rowsWritten(statement.executeBatch());
    }
  }

  /** Binds the values of {@link #REPLACE_IF_CHANGED}. */
  static void bindReplace(Binder binder, String documentId, String extractor, List<Entity> entities)
      throws SQLException {
    Collection<Entity> kept = distinct(extractor, entities);
    String[] types = kept.stream().map(Entity::type).toArray(String[]::new);
    Integer[] starts = kept.stream().map(Entity::start).toArray(Integer[]::new);
    Integer[] ends = kept.stream().map(Entity::end).toArray(Integer[]::new);
    String[] texts = kept.stream().map(Entity::text).toArray(String[]::new);
    binder
        .text(documentId)
        .text(extractor)
        .texts(types)
        .integers(starts)
        .integers(ends)
        .text(documentId)
        .text(extractor)
        .text(documentId)
        .texts(types)
        .integers(starts)
        .integers(ends)
        .texts(texts);
  }

  /**
   * The entities by key (type and offsets), the first of each kept: overlapping chunks report the
   * same entity twice.
   */
  private static Collection<Entity> distinct(String extractor, List<Entity> entities) {
    Map<List<Object>, Entity> byKey = new LinkedHashMap<>();
    for (Entity entity : entities) {
      if (!extractor.equals(entity.extractor())) {
        throw new IllegalArgumentException(
            "an entity of extractor " + entity.extractor() + " among those of " + extractor);
      }
      byKey.putIfAbsent(List.of(entity.type(), entity.start(), entity.end()), entity);
    }
    return byKey.values();
  }
}
