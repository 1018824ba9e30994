package io.docfleet.store;

import io.docfleet.document.Stage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import javax.sql.DataSource;

/** The {@code stage_engines} table: every statement that touches it is here. */
final class JdbcStageEngines implements StageEngineStore {
  private static final String INSERT =
      "INSERT INTO stage_engines (document_id, stage, engine, engine_version, settings_version,"
          + " recorded_at)";
  private static final String ON_CONFLICT =
      " ON CONFLICT (document_id, stage) DO UPDATE SET"
          + " engine = EXCLUDED.engine, engine_version = EXCLUDED.engine_version,"
          + " settings_version = EXCLUDED.settings_version, recorded_at = EXCLUDED.recorded_at"
          + " WHERE (stage_engines.engine, stage_engines.engine_version,"
          + " stage_engines.settings_version) IS DISTINCT FROM (EXCLUDED.engine,"
          + " EXCLUDED.engine_version, EXCLUDED.settings_version)";
  private static final String UPSERT = INSERT + " VALUES (?, ?, ?, ?, ?, ?)" + ON_CONFLICT;

  /** The upsert as a CTE of a stage's end, written only when its status change applied. */
  static final String RECORD_IF_CHANGED =
      "engine AS ("
          + INSERT
          + " SELECT ?, ?, ?, ?, ?, ? WHERE "
          + JdbcDocuments.IF_CHANGED
          + ON_CONFLICT
          + ")";

  private static final String SELECT =
      "SELECT stage, engine, engine_version, settings_version FROM stage_engines"
          + " WHERE document_id = ?";

  private final DataSource dataSource;
  private final Clock clock;

  JdbcStageEngines(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  @Override
  public int record(String documentId, Stage stage, StageEngine engine) {
    return Jdbc.withConnection(
        dataSource,
        "record the " + stage.taskType() + " engine of document " + documentId,
        connection -> write(connection, documentId, stage, engine, Jdbc.now(clock)));
  }

  /** {@link #record} on the caller's connection (and in its transaction, if any). */
  static int write(
      Connection connection, String documentId, Stage stage, StageEngine engine, Instant now)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(UPSERT)) {
      bind(new Binder(connection, statement), documentId, stage, engine, now);
      return statement.executeUpdate();
    }
  }

  /** Binds the six values of the upsert (or of {@link #RECORD_IF_CHANGED}). */
  static void bind(Binder binder, String documentId, Stage stage, StageEngine engine, Instant now)
      throws SQLException {
    binder
        .text(documentId)
        .text(stage.taskType())
        .text(engine.engine())
        .text(engine.engineVersion())
        .text(engine.settingsVersion())
        .timestamp(now);
  }

  @Override
  public Map<Stage, StageEngine> engines(String documentId) {
    return Jdbc.withConnection(
        dataSource,
        "read the stage engines of document " + documentId,
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(SELECT)) {
            statement.setString(1, documentId);
            Map<Stage, StageEngine> engines = new EnumMap<>(Stage.class);
            try (ResultSet row = statement.executeQuery()) {
              while (row.next()) {
                engines.put(
                    Stage.ofTaskType(row.getString("stage")).orElseThrow(),
                    new StageEngine(
                        row.getString("engine"),
                        row.getString("engine_version"),
                        row.getString("settings_version")));
              }
            }
            return engines;
          }
        });
  }
}
