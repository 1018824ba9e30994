package io.docfleet.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * Schemas of their own on a shared PostgreSQL, for runs that must not meet other data (the demo,
 * the pipeline benchmark): {@link #create} makes one and returns settings that work in it; {@link
 * #drop} removes it with everything in it.
 */
public final class Schemas {
  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private Schemas() {}

  /** Creates {@code schema} on the server of {@code server}; returns settings that use it. */
  public static DatabaseSettings create(DatabaseSettings server, String schema) {
    execute(server, "CREATE SCHEMA " + checked(schema));
    return server.inSchema(schema);
  }

  /** Drops {@code schema} and everything in it, when it exists. */
  public static void drop(DatabaseSettings server, String schema) {
    execute(server, "DROP SCHEMA IF EXISTS " + checked(schema) + " CASCADE");
  }

  private static String checked(String schema) {
    if (schema == null || !NAME.matcher(schema).matches()) {
      throw new IllegalArgumentException(
          "a schema name of lower-case letters, digits and _, got '" + schema + "'");
    }
    return schema;
  }

  private static void execute(DatabaseSettings server, String sql) {
    try (Connection connection = DriverManager.getConnection(server.url(), server.credentials());
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new StoreException(sql + " at " + server.redactedUrl() + ": " + e.getMessage(), e);
    }
  }
}
