package io.docfleet.store;

import io.docfleet.document.Stage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A stage's end as one statement: the status change (the one-statement update of {@link
 * JdbcDocumentStatus}, which locks the document's row and checks the transition table) is the CTE
 * {@code doc}, and the results and the stage's engine are CTEs written only when {@code doc}
 * returned the row, so one round trip and one commit make them durable together. When the change
 * does not apply (a rerun whose status is already set, a refused change, an unknown id), nothing is
 * written and one transaction does it the long way: it locks the row, tells a no-op from a refusal,
 * then writes the results through the same statements as the table views.
 */
final class JdbcStageCompletions implements StageCompletions {
  private static final String PAGES =
      statement(JdbcPages.REPLACE_IF_CHANGED + ", " + JdbcChunks.REPLACE_IF_CHANGED);
  private static final String ENTITIES = statement(JdbcEntities.REPLACE_IF_CHANGED);
  private static final String STRUCTURED = statement(JdbcStructuredResults.SAVE_IF_CHANGED);

  private final DataSource dataSource;
  private final Clock clock;

  JdbcStageCompletions(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  @Override
  public DocumentRecord complete(
      String documentId, Stage stage, StageOutput output, StageEngine engine, StatusChange next) {
    String what = "complete the " + stage.taskType() + " stage of document " + documentId;
    Optional<DocumentRecord> done =
        Jdbc.withConnection(
            dataSource,
            what,
            connection ->
                inOneStatement(
                    connection, documentId, stage, output, engine, next, Jdbc.now(clock)));
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
          return after;
        });
  }

  private static String statement(String outputs) {
    return "WITH "
        + JdbcDocumentStatus.CHANGE_AS_DOC
        + ", "
        + JdbcStageEngines.RECORD_IF_CHANGED
        + ", "
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
      Instant now)
      throws SQLException {
    String sql =
        output instanceof StageOutput.Pages
            ? PAGES
            : output instanceof StageOutput.Entities ? ENTITIES : STRUCTURED;
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      Binder binder = new Binder(connection, statement);
      JdbcDocumentStatus.bindChange(binder, documentId, next, now);
      JdbcStageEngines.bind(binder, documentId, stage, engine, now);
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
