package io.docfleet.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docfleet.testing.TestDatabase;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SchemasTest {

  @Test
  void aCreatedSchemaTakesTheMigrationsAndIsGoneAfterItIsDropped() {
    DatabaseSettings server = TestDatabase.server();
    String schema = "docfleet_test_schemas_" + UUID.randomUUID().toString().substring(0, 8);

    DatabaseSettings inSchema = Schemas.create(server, schema);
    try (Database database = Database.start(inSchema, "test")) {
      assertThat(database.migrationsApplied()).isEqualTo(MigrationScripts.count()).isPositive();
    }
    Schemas.drop(server, schema);
    Schemas.drop(server, schema);

    Schemas.create(server, schema); // would fail if the schema were still there
    Schemas.drop(server, schema);
  }

  @Test
  void aNameThatIsNotAPlainIdentifierIsRefusedBeforeAnySql() {
    DatabaseSettings server = TestDatabase.server();

    assertThatThrownBy(() -> Schemas.create(server, "x; DROP TABLE documents"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lower-case letters");
  }

  @Test
  void aSecondCreateOfTheSameSchemaFailsNamingTheStatement() {
    DatabaseSettings server = TestDatabase.server();
    String schema = "docfleet_test_schemas_" + UUID.randomUUID().toString().substring(0, 8);
    Schemas.create(server, schema);
    try {
      assertThatThrownBy(() -> Schemas.create(server, schema))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("CREATE SCHEMA " + schema);
    } finally {
      Schemas.drop(server, schema);
    }
  }
}
