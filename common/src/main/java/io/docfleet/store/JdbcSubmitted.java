package io.docfleet.store;

import io.docfleet.task.Placement;
import io.docfleet.task.Priority;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What a document's submit said beside its file, read back: the completion webhook's destination
 * ({@code callback_url}) and where its tasks wait ({@code priority}, {@code group_name}).
 */
final class JdbcSubmitted {
  private static final String CALLBACK_URL = "SELECT callback_url FROM documents WHERE id = ?";
  private static final String PLACEMENT = "SELECT priority, group_name FROM documents WHERE id = ?";

  private final DataSource dataSource;

  JdbcSubmitted(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  Optional<String> callbackUrl(String id) {
    return Jdbc.withConnection(
        dataSource,
        "read the callback URL of document " + id,
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(CALLBACK_URL)) {
            statement.setString(1, id);
            try (ResultSet row = statement.executeQuery()) {
              return row.next() ? Optional.ofNullable(row.getString(1)) : Optional.empty();
            }
          }
        });
  }

  /** {@link Placement#DEFAULT} for an unknown document or one submitted before V7. */
  Placement placement(String id) {
    return Jdbc.withConnection(
        dataSource,
        "read where document " + id + " waits",
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(PLACEMENT)) {
            statement.setString(1, id);
            try (ResultSet row = statement.executeQuery()) {
              if (!row.next()) {
                return Placement.DEFAULT;
              }
              Priority priority =
                  Priority.fromWire(String.valueOf(row.getString(1))).orElse(Priority.NORMAL);
              return new Placement(priority, Optional.ofNullable(row.getString(2)));
            }
          }
        });
  }
}
