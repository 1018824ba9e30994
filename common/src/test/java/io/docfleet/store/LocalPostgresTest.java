package io.docfleet.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docfleet.config.ConfigException;
import io.docfleet.testing.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocalPostgresTest {

  @Test
  void findsThePostgresThatAlreadyAnswers() {
    DatabaseSettings shared = TestDatabase.server();
    try (LocalPostgres found = LocalPostgres.findOrStart(shared)) {
      assertThat(found.origin()).isEqualTo(LocalPostgres.Origin.ALREADY_RUNNING);
      assertThat(found.origin().description()).isEqualTo("already running");
      assertThat(found.owned()).isFalse();
      assertThat(found.settings()).isEqualTo(shared);
    }
    assertThat(LocalPostgres.answers(shared)).isTrue(); // closing did not stop it: not ours
  }

  @Test
  void startsAnEmbeddedPostgresWithTheUrlsDatabaseWhenNothingAnswers() {
    int port = freePort();
    DatabaseSettings wanted =
        new DatabaseSettings(
            "jdbc:postgresql://127.0.0.1:" + port + "/docfleet_demo",
            "postgres",
            Optional.empty(),
            2);
    assertThat(LocalPostgres.answers(wanted)).isFalse();

    try (LocalPostgres started = LocalPostgres.findOrStart(wanted)) {
      assertThat(started.origin()).isEqualTo(LocalPostgres.Origin.EMBEDDED);
      assertThat(started.origin().description()).startsWith("started the embedded PostgreSQL");
      assertThat(started.owned()).isTrue();
      assertThat(started.settings()).isEqualTo(wanted);
      try (Database database = Database.start(started.settings(), "demo")) {
        assertThat(database.migrationsApplied()).isEqualTo(2);
      }
    }
    assertThat(LocalPostgres.answers(wanted)).isFalse();
  }

  @Test
  void startsAPrivateEmbeddedPostgresOnAFreePort() {
    try (LocalPostgres postgres = LocalPostgres.startPrivate()) {
      assertThat(postgres.owned()).isTrue();
      assertThat(postgres.settings().database()).isEqualTo("postgres");
      assertThat(LocalPostgres.answers(postgres.settings())).isTrue();
    }
  }

  @Test
  void aServerThatAnswersButRefusesIsReportedNotReplaced() {
    DatabaseSettings missingDatabase =
        TestDatabase.server()
            .withUrl(TestDatabase.server().url().replaceFirst("/[^/]*$", "/no_such_db_here"));

    assertThatThrownBy(() -> LocalPostgres.findOrStart(missingDatabase))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("answers but refuses the connection")
        .hasMessageContaining("no_such_db_here");
  }

  @Test
  void refusesToStartAServerForAnotherHostOrAnOddDatabaseName() {
    DatabaseSettings remote =
        new DatabaseSettings(
            "jdbc:postgresql://192.0.2.1:5432/postgres?connectTimeout=1",
            "postgres",
            Optional.empty(),
            1);
    assertThatThrownBy(() -> LocalPostgres.findOrStart(remote))
        .hasMessageContaining("no PostgreSQL answers at 192.0.2.1:5432");

    DatabaseSettings oddName =
        new DatabaseSettings(
            "jdbc:postgresql://127.0.0.1:" + freePort() + "/Odd-Name",
            "postgres",
            Optional.empty(),
            1);
    assertThatThrownBy(() -> LocalPostgres.findOrStart(oddName))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DATABASE_URL");
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
