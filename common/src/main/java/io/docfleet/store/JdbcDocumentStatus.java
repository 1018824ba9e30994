package io.docfleet.store;

import io.docfleet.document.DocumentStatus;
import io.docfleet.document.Stage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A document's status change on the {@code documents} table, held to the transition table: the
 * one-statement update that applies when it is allowed and alters something, and the locking path
 * that tells a no-op from a refusal. The stage completions embed the one-statement update.
 */
final class JdbcDocumentStatus {
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
          + JdbcDocuments.COLUMNS;

  /** {@link #UPDATE_STATUS_IF_ALLOWED} as the CTE {@code doc} of a longer statement. */
  static final String CHANGE_AS_DOC = "doc AS (" + UPDATE_STATUS_IF_ALLOWED + ")";

  private JdbcDocumentStatus() {}

  /**
   * Applies {@code change} in the caller's transaction, with the document's row locked until it
   * ends; checked against the transition table; a change that alters nothing writes nothing.
   */
  static DocumentRecord changeLocked(
      Connection connection, String id, StatusChange change, Instant now) throws SQLException {
    return apply(connection, lockAndCheck(connection, id, change), change, now);
  }

  /**
   * {@link JdbcDocuments#changeStatus} in the caller's transaction: the one-statement update when
   * it applies (it locks the row too), else the locking path; the row stays locked until the
   * transaction ends.
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
        JdbcDocuments.select(connection, JdbcDocuments.SELECT_FOR_UPDATE, id)
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
  static Optional<DocumentRecord> updateIfAllowed(
      Connection connection, String id, StatusChange change, Instant now) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(UPDATE_STATUS_IF_ALLOWED)) {
      bindChange(new Binder(connection, statement), id, change, now);
      List<DocumentRecord> changed = JdbcDocuments.list(statement);
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
}
