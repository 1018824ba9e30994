package io.docfleet.localservers;

import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * Where and as whom to reach a PostgreSQL: a JDBC URL, a user and an optional password. The
 * password never appears in {@code toString} or in an error; {@link #redactedUrl} masks one that
 * the URL itself carries.
 */
public record PostgresAddress(String url, String user, Optional<String> password) {
  /** The server the scripts and the tests look for first. */
  public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

  public PostgresAddress {
    if (url == null || Driver.parseURL(url.trim(), null) == null) {
      throw new IllegalArgumentException(
          "expected a PostgreSQL JDBC URL such as jdbc:postgresql://host:5432/database, got '"
              + redact(url)
              + "'");
    }
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
  }

  /** The same user and password at another URL (another database of the server). */
  public PostgresAddress withUrl(String otherUrl) {
    return new PostgresAddress(otherUrl, user, password);
  }

  /** The host the URL names (the first, when it names several). */
  public String host() {
    return parsed().getProperty("PGHOST").split(",")[0];
  }

  /** The port the URL names (the first, when it names several). */
  public int port() {
    return Integer.parseInt(parsed().getProperty("PGPORT").split(",")[0]);
  }

  /** The database the URL names. */
  public String database() {
    return parsed().getProperty("PGDBNAME");
  }

  /** The URL with any password parameter masked, for messages and logs. */
  public String redactedUrl() {
    return redact(url);
  }

  /** The properties a JDBC driver connection takes: user and, when set, password. */
  public Properties credentials() {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    password.ifPresent(secret -> properties.setProperty("password", secret));
    return properties;
  }

  @Override
  public String toString() {
    return "PostgresAddress[url="
        + redactedUrl()
        + ", user="
        + user
        + ", password="
        + (password.isPresent() ? "****" : "none")
        + "]";
  }

  private Properties parsed() {
    return Driver.parseURL(url.trim(), null);
  }

  private static String redact(String url) {
    return url == null
        ? "null"
        : url.replaceAll("(?i)([?&;]password=)[^&;]*", "$1****")
            .replaceAll("//([^:/@?]*):[^@/?]*@", "//$1:****@");
  }
}
