package io.docfleet.store;

import io.docfleet.document.DocumentStatus;
import io.docfleet.document.Stage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@code documents} table: every statement that touches it is here. */
final class JdbcDocuments implements Documents, DocumentQueries {
  private static final String COLUMNS =
      "id, source, name, media_type, size_bytes, sha256, status, stage, error, attempts,"
          + " created_at, updated_at, completed_at";
  private static final String INSERT =
      "INSERT INTO documents (id, source, name, media_type, size_bytes, sha256, status, stage,"
          + " attempts, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)"
          + " ON CONFLICT (id) DO NOTHING";
  private static final String SELECT = "SELECT " + COLUMNS + " FROM documents WHERE id = ?";
  private static final String SELECT_FOR_UPDATE = SELECT + " FOR UPDATE";
  private static final String LOCK = "SELECT id FROM documents WHERE id = ? FOR NO KEY UPDATE";
  private static final String UPDATE_FILE =
      "UPDATE documents SET source = ?, name = ?, media_type = ?, size_bytes = ?, sha256 = ?,"
          + " updated_at = ? WHERE id = ?";
  private static final String UPDATE_STATUS =
      "UPDATE documents SET status = ?, stage = ?, error = ?, attempts = ?, updated_at = ?,"
          + " completed_at = ? WHERE id = ?";

  /**
   * A status change in one statement, when the transition table allows it from the current status
   * (the statuses it may come from are the parameter array) and it alters something; no row back
   * means one of those does not hold, and the locking path decides which.
   */
  private static final String UPDATE_STATUS_IF_ALLOWED =
      "UPDATE documents SET status = ?, stage = COALESCE(?, stage), error = ?,"
          + " attempts = COALESCE(?, attempts), updated_at = ?, completed_at = CASE ?::text"
          + " WHEN 'completed' THEN CASE WHEN status = 'completed' THEN completed_at ELSE ? END"
          + " WHEN 'queued' THEN NULL ELSE completed_at END"
          + " WHERE id = ? AND status = ANY (?) AND (status, stage, error, attempts)"
          + " IS DISTINCT FROM (?, COALESCE(?, stage), ?, COALESCE(?, attempts))"
          + " RETURNING "
          + COLUMNS;

  /** {@link #UPDATE_STATUS_IF_ALLOWED} as the CTE {@code doc} of a longer statement. */
  static final String CHANGE_AS_DOC = "doc AS (" + UPDATE_STATUS_IF_ALLOWED + ")";

  /** The guard of a write that goes with the change: only when the change applied. */
  static final String IF_CHANGED = "EXISTS (SELECT 1 FROM doc)";

  private static final String UNFINISHED =
      "SELECT "
          + COLUMNS
          + " FROM documents WHERE status IN ('queued', 'processing')"
          + " ORDER BY updated_at, id LIMIT ?";
  private static final String UNFINISHED_AFTER =
      "SELECT "
          + COLUMNS
          + " FROM documents WHERE status IN ('queued', 'processing') AND (updated_at, id) > (?, ?)"
          + " ORDER BY updated_at, id LIMIT ?";
  private static final String COMPLETED_SINCE =
      "SELECT "
          + COLUMNS
          + " FROM documents WHERE status = 'completed' AND completed_at >= ?"
          + " ORDER BY completed_at DESC, id LIMIT ?";

  private final DataSource dataSource;
  private final Clock clock;

  JdbcDocuments(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  @Override
  public Registration register(DocumentFile file) {
    // A new id is the common case: one auto-committed insert, no transaction around it.
    boolean inserted =
        Jdbc.withConnection(
            dataSource,
            "register document " + file.id(),
            connection -> insert(connection, file, Jdbc.now(clock)));
    if (inserted) {
      return Registration.NEW;
    }
    return Jdbc.inTransaction(
        dataSource,
        "register document " + file.id(),
        connection -> {
          Instant now = Jdbc.now(clock);
          if (insert(connection, file, now)) {
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
    return Jdbc.withConnection(
        dataSource,
        "register new document " + file.id(),
        connection -> insert(connection, file, Jdbc.now(clock)));
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
            connection -> updateIfAllowed(connection, id, change, Jdbc.now(clock)));
    if (changed.isPresent()) {
      return changed.get();
    }
    // Refused, unknown, or nothing to change: the locking path tells which (and applies a change
    // that became possible meanwhile).
    return Jdbc.inTransaction(
        dataSource,
        "change the status of document " + id,
        connection -> changeLocked(connection, id, change, Jdbc.now(clock)));
  }

  /**
   * Applies {@code change} in the caller's transaction, with the document's row locked until it
   * ends; checked against the transition table; a change that alters nothing writes nothing.
   */
  static DocumentRecord changeLocked(
      Connection connection, String id, StatusChange change, Instant now) throws SQLException {
    return apply(connection, lockAndCheck(connection, id, change), change, now);
  }

  /**
   * {@link #changeStatus} in the caller's transaction: the one-statement update when it applies (it
   * locks the row too), else the locking path; the row stays locked until the transaction ends.
   */
  static DocumentRecord changeInTransaction(
      Connection connection, String id, StatusChange change, Instant now) throws SQLException {
    Optional<DocumentRecord> changed = updateIfAllowed(connection, id, change, now);
    return changed.isPresent() ? changed.get() : changeLocked(connection, id, change, now);
  }

  /**
   * Locks the document's row until the transaction ends and returns it, once the transition table
   * allows {@code change} from its status (or the change would alter nothing).
   */
  private static DocumentRecord lockAndCheck(Connection connection, String id, StatusChange change)
      throws SQLException {
    DocumentRecord current =
        select(connection, SELECT_FOR_UPDATE, id)
            .orElseThrow(() -> new UnknownDocumentException(id));
    if (!change.isNoOpFor(current) && !current.status().canBecome(change.status())) {
      throw new IllegalStatusChangeException(id, current.status(), change.status());
    }
    return current;
  }

  /** Writes {@code change} to the locked, checked {@code current}; returns the record after. */
  private static DocumentRecord apply(
      Connection connection, DocumentRecord current, StatusChange change, Instant now)
      throws SQLException {
    if (change.isNoOpFor(current)) {
      return current;
    }
    DocumentRecord next = change.applyTo(current, now);
    updateStatus(connection, next);
    return next;
  }

  /** The one-statement change: the record after it, or empty when it did not apply. */
  private static Optional<DocumentRecord> updateIfAllowed(
      Connection connection, String id, StatusChange change, Instant now) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(UPDATE_STATUS_IF_ALLOWED)) {
      bindChange(new Binder(connection, statement), id, change, now);
      List<DocumentRecord> changed = list(statement);
      return changed.isEmpty() ? Optional.empty() : Optional.of(changed.get(0));
    }
  }

  /** Binds the parameters of {@link #UPDATE_STATUS_IF_ALLOWED}. */
  static void bindChange(Binder binder, String id, StatusChange change, Instant now)
      throws SQLException {
    String status = change.status().wireName();
    String stage = change.stage().map(Stage::taskType).orElse(null);
    String error = change.error().orElse(null);
    Integer attempts = change.attempts().isPresent() ? change.attempts().getAsInt() : null;
    binder
        .text(status)
        .text(stage)
        .text(error)
        .integer(attempts)
        .timestamp(now)
        .text(status)
        .timestamp(now)
        .text(id)
        .texts(allowedBefore(change.status()))
        .text(status)
        .text(stage)
        .text(error)
        .integer(attempts);
  }

  /** The statuses the transition table lets become {@code next}, as stored. */
  private static String[] allowedBefore(DocumentStatus next) {
    return Arrays.stream(DocumentStatus.values())
        .filter(status -> status.canBecome(next))
        .map(DocumentStatus::wireName)
        .toArray(String[]::new);
  }

  @Override
  public List<DocumentRecord> unfinished(int limit) {
    return Jdbc.withConnection(
        dataSource,
        "list unfinished documents",
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(UNFINISHED)) {
            statement.setInt(1, limit);
            return list(statement);
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
            return list(statement);
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
            return list(statement);
          }
        });
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

  private static boolean insert(Connection connection, DocumentFile file, Instant now)
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

  private static void updateStatus(Connection connection, DocumentRecord next) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(UPDATE_STATUS)) {
      statement.setString(1, next.status().wireName());
      statement.setString(2, next.stage().taskType());
      statement.setObject(3, next.error().orElse(null), Types.VARCHAR);
      statement.setInt(4, next.attempts());
      statement.setObject(5, Jdbc.timestamp(next.updatedAt()));
      statement.setObject(
          6, Jdbc.timestamp(next.completedAt().orElse(null)), Types.TIMESTAMP_WITH_TIMEZONE);
      statement.setString(7, next.id());
      statement.executeUpdate();
    }
  }

  private static Optional<DocumentRecord> select(Connection connection, String sql, String id)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, id);
      List<DocumentRecord> found = list(statement);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }
  }

  private static List<DocumentRecord> list(PreparedStatement statement) throws SQLException {
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
