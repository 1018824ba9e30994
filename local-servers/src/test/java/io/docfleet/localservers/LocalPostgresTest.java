package io.docfleet.localservers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class LocalPostgresTest {

  @Test
  void findsThePostgresThatAlreadyAnswers() {
    PostgresAddress shared = SharedServers.postgres();
    try (LocalPostgres found = LocalPostgres.findOrStart(shared)) {
      assertThat(found.origin()).isEqualTo(LocalPostgres.Origin.ALREADY_RUNNING);
      assertThat(found.origin().description()).isEqualTo("already running");
      assertThat(found.owned()).isFalse();
      assertThat(found.address()).isEqualTo(shared);
    }
    assertThat(LocalPostgres.answers(shared)).isTrue(); // closing did not stop it: not ours
  }

  @Test
  void startsAnEmbeddedPostgresWithTheUrlsDatabaseWhenNothingAnswers() {
    int port = freePort();
    PostgresAddress wanted =
        new PostgresAddress(
            "jdbc:postgresql://127.0.0.1:" + port + "/docfleet_demo", "postgres", Optional.empty());
    assertThat(LocalPostgres.answers(wanted)).isFalse();

    try (LocalPostgres started = LocalPostgres.findOrStart(wanted)) {
      assertThat(started.origin()).isEqualTo(LocalPostgres.Origin.EMBEDDED);
      assertThat(started.origin().description()).startsWith("started the embedded PostgreSQL");
      assertThat(started.owned()).isTrue();
      assertThat(started.address()).isEqualTo(wanted);
      assertThat(query(started.address(), "SELECT current_database()")).isEqualTo("docfleet_demo");
    }
    assertThat(LocalPostgres.answers(wanted)).isFalse();
  }

  @Test
  void startsAPrivateEmbeddedPostgresOnAFreePort() {
    try (LocalPostgres postgres = LocalPostgres.startPrivate()) {
      assertThat(postgres.owned()).isTrue();
      assertThat(postgres.address().database()).isEqualTo("postgres");
      assertThat(LocalPostgres.answers(postgres.address())).isTrue();
    }
  }

  @Test
  void aServerThatAnswersButRefusesIsReportedNotReplaced() {
    PostgresAddress missingDatabase =
        SharedServers.postgres()
            .withUrl(SharedServers.postgres().url().replaceFirst("/[^/]*$", "/no_such_db_here"));

    assertThatThrownBy(() -> LocalPostgres.findOrStart(missingDatabase))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("answers but refuses the connection")
        .hasMessageContaining("no_such_db_here");
  }

  @Test
  void refusesToStartAServerForAnotherHostOrAnOddDatabaseName() {
    PostgresAddress remote =
        new PostgresAddress(
            "jdbc:postgresql://192.0.2.1:5432/postgres?connectTimeout=1",
            "postgres",
            Optional.empty());
    assertThatThrownBy(() -> LocalPostgres.findOrStart(remote))
        .hasMessageContaining("no PostgreSQL answers at 192.0.2.1:5432");

    PostgresAddress oddName =
        new PostgresAddress(
            "jdbc:postgresql://127.0.0.1:" + freePort() + "/Odd-Name",
            "postgres",
            Optional.empty());
    assertThatThrownBy(() -> LocalPostgres.findOrStart(oddName))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DATABASE_URL");
  }

  @Test
  void anAddressNeverShowsItsPassword() {
    PostgresAddress address =
        new PostgresAddress(
            "jdbc:postgresql://127.0.0.1:5432/postgres?password=hunter2",
            "postgres",
            Optional.of("s3cret"));

    assertThat(address.toString()).doesNotContain("hunter2", "s3cret").contains("****");
    assertThat(address.redactedUrl()).doesNotContain("hunter2");
    assertThatThrownBy(
            () -> new PostgresAddress("jdbc:mysql://u:hunter2@h/db", "u", Optional.empty()))
        .hasMessageContaining("a PostgreSQL JDBC URL")
        .hasMessageNotContaining("hunter2");
  }

  private static String query(PostgresAddress address, String sql) {
    try (Connection connection = DriverManager.getConnection(address.url(), address.credentials());
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
