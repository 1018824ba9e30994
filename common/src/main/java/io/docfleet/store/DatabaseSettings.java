package io.docfleet.store;

import io.docfleet.config.ConfigException;
import io.docfleet.config.Env;
import io.docfleet.config.Secret;
import java.util.Optional;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * Where and how to reach PostgreSQL: the JDBC URL, the user, the optional password and the pool
 * size. Read once from {@code DATABASE_URL}, {@code DATABASE_USER}, {@code DATABASE_PASSWORD} and
 * {@code DATABASE_POOL_SIZE}; the password never appears in {@code toString} or in an error.
 */
public record DatabaseSettings(String url, String user, Optional<Secret> password, int poolSize) {

  public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
  public static final String DEFAULT_USER = "postgres";
  public static final int DEFAULT_POOL_SIZE = 10;

  private static final String URL_ACCEPTS =
      "a PostgreSQL JDBC URL such as jdbc:postgresql://host:5432/database";

  public DatabaseSettings {
    if (parse(url) == null) {
      throw new ConfigException("DATABASE_URL", URL_ACCEPTS, redact(url));
    }
    if (user == null || user.isBlank()) {
      throw new ConfigException("DATABASE_USER", "a user name", String.valueOf(user));
    }
    if (poolSize < 1) {
      throw new ConfigException(
          "DATABASE_POOL_SIZE", "a whole number above 0", Integer.toString(poolSize));
    }
  }

  /** Reads the settings; throws {@link ConfigException} naming the first bad variable. */
  public static DatabaseSettings fromEnv(Env env) {
    return new DatabaseSettings(
        env.string("DATABASE_URL", DEFAULT_URL),
        env.string("DATABASE_USER", DEFAULT_USER),
        env.get("DATABASE_PASSWORD").map(Secret::new),
        env.positiveInt("DATABASE_POOL_SIZE", DEFAULT_POOL_SIZE));
  }

  /** The same server and credentials with another URL (another database or schema). */
  public DatabaseSettings withUrl(String otherUrl) {
    return new DatabaseSettings(otherUrl, user, password, poolSize);
  }

  public DatabaseSettings withPoolSize(int size) {
    return new DatabaseSettings(url, user, password, size);
  }

  /**
   * The same URL with {@code currentSchema} set, so unqualified names resolve in {@code schema}.
   */
  public DatabaseSettings inSchema(String schema) {
    return withUrl(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
  }

  /** The host the URL names (the first, when it names several). */
  public String host() {
    return parse(url).getProperty("PGHOST").split(",")[0];
  }

  /** The port the URL names (the first, when it names several). */
  public int port() {
    return Integer.parseInt(parse(url).getProperty("PGPORT").split(",")[0]);
  }

  /** The database the URL names. */
  public String database() {
    return parse(url).getProperty("PGDBNAME");
  }

  /** The URL with any password parameter masked, for messages and logs. */
  public String redactedUrl() {
    return redact(url);
  }

  /** The properties a JDBC driver connection takes: user and, when set, password. */
  Properties credentials() {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    password.ifPresent(secret -> properties.setProperty("password", secret.value()));
    return properties;
  }

  @Override
  public String toString() {
    return "DatabaseSettings[url="
        + redactedUrl()
        + ", user="
        + user
        + ", password="
        + password
        + ", poolSize="
        + poolSize
        + "]";
  }

  private static Properties parse(String url) {
    return url == null ? null : Driver.parseURL(url.trim(), null);
  }

  static String redact(String url) {
    return url == null
        ? "null"
        : url.replaceAll("(?i)([?&;]password=)[^&;]*", "$1****")
            .replaceAll("//([^:/@?]*):[^@/?]*@", "//$1:****@");
  }
}
