package io.docfleet.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code textract_jobs} table: every statement that touches it is here. A job's document,
 * content and token are fixed when it is first saved; later saves change its status, pages and
 * error; {@link #forget} marks it once.
 */
final class JdbcTextractJobs implements TextractJobStore {
  private static final String COLUMNS =
      "job_id, document_id, content_sha256, client_request_token, status, pages, error,"
          + " started_at, updated_at";
  private static final String UPSERT =
      "INSERT INTO textract_jobs ("
          + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (job_id) DO UPDATE SET status = EXCLUDED.status, pages = EXCLUDED.pages,"
          + " error = EXCLUDED.error, updated_at = EXCLUDED.updated_at"
          + " WHERE (textract_jobs.status, textract_jobs.pages, textract_jobs.error)"
          + " IS DISTINCT FROM (EXCLUDED.status, EXCLUDED.pages, EXCLUDED.error)";
  private static final String SELECT = "SELECT " + COLUMNS + " FROM textract_jobs WHERE job_id = ?";
  private static final String STARTED_SINCE =
      "SELECT "
          + COLUMNS
          + " FROM textract_jobs WHERE started_at >= ? AND forgotten_at IS NULL"
          + " ORDER BY started_at DESC, job_id LIMIT ?";
  private static final String FORGET =
      "UPDATE textract_jobs SET forgotten_at = ?"
          + " WHERE forgotten_at IS NULL AND (document_id = ? OR job_id = ANY (?))";
  private static final String FORGOTTEN =
      "SELECT count(*) FROM textract_jobs WHERE content_sha256 = ? AND forgotten_at IS NOT NULL";

  private final DataSource dataSource;
  private final Clock clock;

  JdbcTextractJobs(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  @Override
  public int save(TextractJob job) {
    return Jdbc.withConnection(
        dataSource,
        "save Textract job " + job.jobId() + " of document " + job.documentId(),
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(UPSERT)) {
            Instant now = Jdbc.now(clock);
            statement.setString(1, job.jobId());
            statement.setString(2, job.documentId());
            statement.setString(3, job.contentSha256());
            statement.setString(4, job.clientRequestToken());
            statement.setString(5, job.status().wireName());
            statement.setInt(6, job.pages());
            statement.setObject(7, job.error().orElse(null), Types.VARCHAR);
            statement.setObject(8, Jdbc.timestamp(now));
            statement.setObject(9, Jdbc.timestamp(now));
            return statement.executeUpdate();
          }
        });
  }

  @Override
  public Optional<TextractJobRecord> find(String jobId) {
    return Jdbc.withConnection(
        dataSource,
        "find Textract job " + jobId,
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(SELECT)) {
            statement.setString(1, jobId);
            List<TextractJobRecord> found = list(statement);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
          }
        });
  }

  @Override
  public List<TextractJobRecord> startedSince(Instant since, int limit) {
    return Jdbc.withConnection(
        dataSource,
        "list Textract jobs started since " + since,
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(STARTED_SINCE)) {
            statement.setObject(1, Jdbc.timestamp(since));
            statement.setInt(2, limit);
            return list(statement);
          }
        });
  }

  @Override
  public int forget(String documentId, Collection<String> jobIds) {
    return Jdbc.withConnection(
        dataSource,
        "forget the Textract jobs of document " + documentId,
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(FORGET)) {
            statement.setObject(1, Jdbc.timestamp(Jdbc.now(clock)));
            statement.setString(2, documentId);
            statement.setArray(3, connection.createArrayOf("text", jobIds.toArray()));
            return statement.executeUpdate();
          }
        });
  }

  @Override
  public int forgottenJobsOf(String contentSha256) {
    return Jdbc.withConnection(
        dataSource,
        "count the forgotten Textract jobs of content " + contentSha256,
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(FORGOTTEN)) {
            statement.setString(1, contentSha256);
            try (ResultSet row = statement.executeQuery()) {
              row.next();
              return row.getInt(1);
            }
          }
        });
  }

  private static List<TextractJobRecord> list(PreparedStatement statement) throws SQLException {
    List<TextractJobRecord> jobs = new ArrayList<>();
    try (ResultSet row = statement.executeQuery()) {
      while (row.next()) {
        TextractJob job =
            new TextractJob(
                row.getString("job_id"),
                row.getString("document_id"),
                row.getString("content_sha256"),
                row.getString("client_request_token"),
                TextractJobStatus.fromWire(row.getString("status")),
                row.getInt("pages"),
                Optional.ofNullable(row.getString("error")));
        jobs.add(
            new TextractJobRecord(
                job, Jdbc.instant(row, "started_at"), Jdbc.instant(row, "updated_at")));
      }
    }
    return jobs;
  }
}
