package io.docfleet.store;

import io.docfleet.document.DocumentStatus;
import io.docfleet.document.Stage;
import io.docfleet.task.Placement;
import io.docfleet.task.Priority;
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

/**
 * The {@code documents} table: registering and finding documents, and the row lock and read that
 * the other tables' writers share. Its status changes are {@link JdbcDocumentStatus}'s statements,
 * its lists {@link JdbcDocumentQueries}'s.
 */
final class JdbcDocuments implements Documents {
  static final String COLUMNS =
      "id, source, name, media_type, size_bytes, sha256, status, stage, error, attempts,"
          + " created_at, updated_at, completed_at";
  private static final String INSERT =
      "INSERT INTO documents (id, source, name, media_type, size_bytes, sha256, status, stage,"
          + " attempts, created_at, updated_at, callback_url, priority, group_name)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";
  private static final String SELECT = "SELECT " + COLUMNS + " FROM documents WHERE id = ?";
  static final String SELECT_FOR_UPDATE = SELECT + " FOR UPDATE";
  private static final String LOCK = "SELECT id FROM documents WHERE id = ? FOR NO KEY UPDATE";
  private static final String UPDATE_FILE =
      "UPDATE documents SET source = ?, name = ?, media_type = ?, size_bytes = ?, sha256 = ?,"
          + " updated_at = ? WHERE id = ?";

  /**
   * The guard of a write that goes with a status change (the CTE {@code doc}, {@link
   * JdbcDocumentStatus#CHANGE_AS_DOC}): only when the change applied.
   */
  static final String IF_CHANGED = "EXISTS (SELECT 1 FROM doc)";

  private final DataSource dataSource;
  private final Clock clock;
  private final JdbcSubmitted submitted;

  JdbcDocuments(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.submitted = new JdbcSubmitted(dataSource);
  }

  @Override
  public Registration register(DocumentFile file) {
    // A new id is the common case: one auto-committed insert, no transaction around it.
    boolean inserted =
        Jdbc.withConnection(
            dataSource,
            "register document " + file.id(),
            connection -> insert(connection, file, null, Placement.DEFAULT, Jdbc.now(clock)));
    if (inserted) {
      return Registration.NEW;
    }
    return Jdbc.inTransaction(
        dataSource,
        "register document " + file.id(),
        connection -> {
          Instant now = Jdbc.now(clock);
          if (insert(connection, file, null, Placement.DEFAULT, now)) {
            return Registration.NEW; // deleted since the first insert tried
          }
          DocumentRecord current = select(connection, SELECT_FOR_UPDATE, file.id()).orElseThrow();
          if (current.file().equals(file)) {
            return Registration.UNCHANGED;
          }
          updateFile(connection, file, now);
          return file.contentDiffersFrom(current.file())
              ? Registration.CONTENT_CHANGED
              : Registration.UNCHANGED;
        });
  }

  @Override
  public boolean registerNew(DocumentFile file) {
    return registerNew(file, Optional.empty());
  }

  @Override
  public boolean registerNew(DocumentFile file, Optional<String> callbackUrl, Placement placement) {
    return Jdbc.withConnection(
        dataSource,
        "register new document " + file.id(),
        connection ->
            insert(connection, file, callbackUrl.orElse(null), placement, Jdbc.now(clock)));
  }

  @Override
  public Optional<String> callbackUrl(String id) {
    return submitted.callbackUrl(id);
  }

  @Override
  public Placement placement(String id) {
    return submitted.placement(id);
  }

  @Override
  public Optional<DocumentRecord> find(String id) {
    return Jdbc.withConnection(
        dataSource, "find document " + id, connection -> select(connection, SELECT, id));
  }

  @Override
  public DocumentRecord changeStatus(String id, StatusChange change) {
    Optional<DocumentRecord> changed =
        Jdbc.withConnection(
            dataSource,
            "change the status of document " + id,
            connection ->
                JdbcDocumentStatus.updateIfAllowed(connection, id, change, Jdbc.now(clock)));
    if (changed.isPresent()) {
      return changed.get();
    }
    // Refused, unknown, or nothing to change: the locking path tells which (and applies a change
    // that became possible meanwhile).
    return Jdbc.inTransaction(
        dataSource,
        "change the status of document " + id,
        connection -> JdbcDocumentStatus.changeLocked(connection, id, change, Jdbc.now(clock)));
  }

  /**
   * Locks the document's row until the transaction ends, so concurrent rewrites of its stage
   * results run one after the other; throws when the document is not registered.
   */
  static void lockForWrite(Connection connection, String id) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(LOCK)) {
      statement.setString(1, id);
      try (ResultSet row = statement.executeQuery()) {
        if (!row.next()) {
          throw new UnknownDocumentException(id);
        }
      }
    }
  }

  private static boolean insert(
      Connection connection,
      DocumentFile file,
      String callbackUrl,
      Placement placement,
      Instant now)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
      statement.setString(1, file.id());
      statement.setString(2, file.source());
      statement.setString(3, file.name());
      statement.setString(4, file.mediaType());
      statement.setLong(5, file.sizeBytes());
      statement.setString(6, file.sha256());
      statement.setString(7, DocumentStatus.QUEUED.wireName());
      statement.setString(8, Stage.OCR.taskType());
      statement.setObject(9, Jdbc.timestamp(now));
      statement.setObject(10, Jdbc.timestamp(now));
      statement.setObject(11, callbackUrl, java.sql.Types.VARCHAR);
      String priority =
          placement.priority() == Priority.NORMAL ? null : placement.priority().wireName();
      statement.setObject(12, priority, java.sql.Types.VARCHAR);
      statement.setObject(13, placement.group().orElse(null), java.sql.Types.VARCHAR);
      return statement.executeUpdate() == 1;
    }
  }

  private static void updateFile(Connection connection, DocumentFile file, Instant now)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(UPDATE_FILE)) {
      statement.setString(1, file.source());
      statement.setString(2, file.name());
      statement.setString(3, file.mediaType());
      statement.setLong(4, file.sizeBytes());
      statement.setString(5, file.sha256());
      statement.setObject(6, Jdbc.timestamp(now));
      statement.setString(7, file.id());
      statement.executeUpdate();
    }
  }

  static Optional<DocumentRecord> select(Connection connection, String sql, String id)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, id);
      List<DocumentRecord> found = list(statement);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }
  }

  static List<DocumentRecord> list(PreparedStatement statement) throws SQLException {
    List<DocumentRecord> documents = new ArrayList<>();
    try (ResultSet row = statement.executeQuery()) {
      while (row.next()) {
        documents.add(read(row));
      }
    }
    return documents;
  }

  static DocumentRecord read(ResultSet row) throws SQLException {
    DocumentFile file =
        new DocumentFile(
            row.getString("id"),
            row.getString("source"),
            row.getString("name"),
            row.getString("media_type"),
            row.getLong("size_bytes"),
            row.getString("sha256"));
    return new DocumentRecord(
        file,
        DocumentStatus.fromWire(row.getString("status")),
        Stage.ofTaskType(row.getString("stage")).orElseThrow(),
        Optional.ofNullable(row.getString("error")),
        row.getInt("attempts"),
        Jdbc.instant(row, "created_at"),
        Jdbc.instant(row, "updated_at"),
        Jdbc.optionalInstant(row, "completed_at"));
  }
}
