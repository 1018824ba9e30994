package io.docfleet.store;

import io.docfleet.document.Stage;
import io.docfleet.spend.ProviderCall;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A stage's end as one statement: the status change (the one-statement update of {@link
 * JdbcDocumentStatus}, which locks the document's row and checks the transition table) is the CTE
 * {@code doc}, and the results, the stage's engine and the spend ledger's rows of the run ({@link
 * JdbcProviderCalls}; left out of a run that paid and saved nothing, such as one of the local
 * engines) are CTEs written only when {@code doc} returned the row, so one round trip and one
 * commit make them durable together. When the change does not apply (a rerun whose status is
 * already set, a refused change, an unknown id), nothing is written and one transaction does it the
 * long way: it locks the row, tells a no-op from a refusal, then writes the results through the
 * same statements as the table views.
 */
final class JdbcStageCompletions implements StageCompletions {
  private static final Statements PAGES =
      new Statements(JdbcPages.REPLACE_IF_CHANGED + ", " + JdbcChunks.REPLACE_IF_CHANGED);
  private static final Statements ENTITIES = new Statements(JdbcEntities.REPLACE_IF_CHANGED);
  private static final Statements STRUCTURED =
      new Statements(JdbcStructuredResults.SAVE_IF_CHANGED);

  /** An output's statement with the ledger's CTE, and without it (a run that recorded no call). */
  private record Statements(String withCalls, String withoutCalls) {
    Statements(String outputs) {
      this(statement(outputs, true), statement(outputs, false));
    }
  }

  private final DataSource dataSource;
  private final Clock clock;

  JdbcStageCompletions(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  @Override
  public DocumentRecord complete(
      String documentId,
      Stage stage,
      StageOutput output,
      StageEngine engine,
      StatusChange next,
      List<ProviderCall> calls) {
    String what = "complete the " + stage.taskType() + " stage of document " + documentId;
    Optional<DocumentRecord> done =
        Jdbc.withConnection(
            dataSource,
            what,
            connection ->
                inOneStatement(
                    connection, documentId, stage, output, engine, next, calls, Jdbc.now(clock)));
    if (done.isPresent()) {
      return done.get();
    }
    return Jdbc.inTransaction(
        dataSource,
        what,
        connection -> {
          Instant now = Jdbc.now(clock);
          DocumentRecord after = JdbcDocumentStatus.changeLocked(connection, documentId, next, now);
          write(connection, documentId, output, now);
          JdbcStageEngines.write(connection, documentId, stage, engine, now);
          JdbcProviderCalls.write(connection, calls);
          return after;
        });
  }

  private static String statement(String outputs, boolean calls) {
    return "WITH "
        + JdbcDocumentStatus.CHANGE_AS_DOC
        + ", "
        + JdbcStageEngines.RECORD_IF_CHANGED
        + ", "
        + (calls ? JdbcProviderCalls.RECORD_IF_CHANGED + ", " : "")
        + outputs
        + " SELECT * FROM doc";
  }

  /** The record after the change, or empty when the change did not apply (nothing written). */
  private static Optional<DocumentRecord> inOneStatement(
      Connection connection,
      String documentId,
      Stage stage,
      StageOutput output,
      StageEngine engine,
      StatusChange next,
      List<ProviderCall> calls,
      Instant now)
      throws SQLException {
    Statements statements =
        output instanceof StageOutput.Pages
            ? PAGES
            : output instanceof StageOutput.Entities ? ENTITIES : STRUCTURED;
    String sql = calls.isEmpty() ? statements.withoutCalls() : statements.withCalls();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      Binder binder = new Binder(connection, statement);
      JdbcDocumentStatus.bindChange(binder, documentId, next, now);
      JdbcStageEngines.bind(binder, documentId, stage, engine, now);
      if (!calls.isEmpty()) {
        JdbcProviderCalls.bind(binder, calls);
      }
      if (output instanceof StageOutput.Pages p) {
        JdbcPages.bindReplace(binder, documentId, p.pages());
        JdbcChunks.bindReplace(binder, documentId, p.chunks());
      } else if (output instanceof StageOutput.Entities e) {
        JdbcEntities.bindReplace(binder, documentId, e.extractor(), e.entities());
      } else if (output instanceof StageOutput.Structured s) {
        JdbcStructuredResults.bind(binder, s.result(), now);
      }
      try (ResultSet row = statement.executeQuery()) {
        return row.next() ? Optional.of(JdbcDocuments.read(row)) : Optional.empty();
      }
    }
  }

  private static void write(
      Connection connection, String documentId, StageOutput output, Instant now)
      throws SQLException {
    if (output instanceof StageOutput.Pages p) {
      JdbcPages.write(connection, documentId, p.pages());
      JdbcChunks.write(connection, documentId, p.chunks());
    } else if (output instanceof StageOutput.Entities e) {
      JdbcEntities.write(connection, documentId, e.extractor(), e.entities());
    } else if (output instanceof StageOutput.Structured s) {
      JdbcStructuredResults.write(connection, s.result(), now);
    }
  }
}
