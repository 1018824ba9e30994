package io.docfleet.store;

import io.docfleet.document.Stage;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * A stage's end in one transaction: the document's row is locked and its transition checked first,
 * then the results, the stage's engine and the status are written, and one commit makes them
 * durable together (a stage used to cost a commit for each).
 */
final class JdbcStageCompletions implements StageCompletions {
  private final DataSource dataSource;
  private final Clock clock;

  JdbcStageCompletions(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  @Override
  public DocumentRecord complete(
      String documentId, Stage stage, StageOutput output, StageEngine engine, StatusChange next) {
    return Jdbc.inTransaction(
        dataSource,
        "complete the " + stage.taskType() + " stage of document " + documentId,
        connection -> {
          Instant now = Jdbc.now(clock);
          DocumentRecord current = JdbcDocuments.lockAndCheck(connection, documentId, next);
          write(connection, documentId, output, now);
          JdbcStageEngines.write(connection, documentId, stage, engine, now);
          return JdbcDocuments.apply(connection, current, next, now);
        });
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
