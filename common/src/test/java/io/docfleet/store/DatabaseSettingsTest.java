package io.docfleet.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docfleet.config.ConfigException;
import io.docfleet.config.Env;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {

  private static DatabaseSettings read(String... pairs) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return DatabaseSettings.fromEnv(new Env(env));
  }

  @Test
  void hasNamedDefaults() {
    DatabaseSettings settings = read();
    assertThat(settings.url()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/postgres");
    assertThat(settings.user()).isEqualTo("postgres");
    assertThat(settings.password()).isEmpty();
    assertThat(settings.poolSize()).isEqualTo(10);
    assertThat(settings.host()).isEqualTo("127.0.0.1");
    assertThat(settings.port()).isEqualTo(5432);
    assertThat(settings.database()).isEqualTo("postgres");
  }

  @Test
  void readsEveryVariable() {
    DatabaseSettings settings =
        read(
            "DATABASE_URL", "jdbc:postgresql://db.internal:6543/docfleet?sslmode=require",
            "DATABASE_USER", "fleet",
            "DATABASE_PASSWORD", "s3cret",
            "DATABASE_POOL_SIZE", "4");
    assertThat(settings.host()).isEqualTo("db.internal");
    assertThat(settings.port()).isEqualTo(6543);
    assertThat(settings.database()).isEqualTo("docfleet");
    assertThat(settings.user()).isEqualTo("fleet");
    assertThat(settings.password().orElseThrow().value()).isEqualTo("s3cret");
    assertThat(settings.poolSize()).isEqualTo(4);
    assertThat(settings.credentials()).containsEntry("user", "fleet");
    assertThat(settings.credentials()).containsEntry("password", "s3cret");
  }

  @Test
  void aSchemaIsAddedToTheUrlAsCurrentSchema() {
    assertThat(read().inSchema("s1").url())
        .isEqualTo("jdbc:postgresql://127.0.0.1:5432/postgres?currentSchema=s1");
    assertThat(read("DATABASE_URL", "jdbc:postgresql://h/db?ssl=false").inSchema("s2").url())
        .isEqualTo("jdbc:postgresql://h/db?ssl=false&currentSchema=s2");
    assertThat(read().withPoolSize(2).poolSize()).isEqualTo(2);
  }

  @Test
  void aBadValueNamesTheVariableAndWhatItAccepts() {
    assertThatThrownBy(() -> read("DATABASE_URL", "postgres://127.0.0.1/db"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DATABASE_URL")
        .hasMessageContaining("jdbc:postgresql://host:5432/database");
    assertThatThrownBy(() -> read("DATABASE_URL", "jdbc:mysql://127.0.0.1/db"))
        .hasMessageContaining("DATABASE_URL");
    assertThatThrownBy(() -> read("DATABASE_POOL_SIZE", "0"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DATABASE_POOL_SIZE")
        .hasMessageContaining("above 0");
    assertThatThrownBy(() -> read("DATABASE_POOL_SIZE", "ten"))
        .hasMessageContaining("DATABASE_POOL_SIZE");
    assertThatThrownBy(() -> read().withPoolSize(0)).hasMessageContaining("DATABASE_POOL_SIZE");
    assertThatThrownBy(() -> read().withUrl(null)).hasMessageContaining("DATABASE_URL");
    assertThatThrownBy(
            () ->
                new DatabaseSettings(
                    DatabaseSettings.DEFAULT_URL, " ", java.util.Optional.empty(), 1))
        .hasMessageContaining("DATABASE_USER");
  }

  @Test
  void aPasswordNeverAppearsInToStringOrInAnError() {
    DatabaseSettings settings =
        read(
            "DATABASE_URL", "jdbc:postgresql://h/db?user=u&password=hunter2&ssl=true",
            "DATABASE_PASSWORD", "hunter3");
    assertThat(settings.toString())
        .doesNotContain("hunter2")
        .doesNotContain("hunter3")
        .contains("password=****&ssl=true")
        .contains("user=postgres");
    assertThat(settings.redactedUrl())
        .isEqualTo("jdbc:postgresql://h/db?user=u&password=****&ssl=true");
    assertThatThrownBy(() -> read("DATABASE_URL", "jdbc:pg://u:hunter2@h/db?password=hunter2"))
        .hasMessageContaining("DATABASE_URL")
        .hasMessageNotContaining("hunter2");
  }
}
