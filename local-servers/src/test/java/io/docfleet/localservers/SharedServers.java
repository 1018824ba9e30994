package io.docfleet.localservers;

import java.util.Optional;

/**
 * The Redis and PostgreSQL these tests find as the other modules' tests do: {@code REDIS_URL} and
 * {@code DATABASE_URL} (with {@code DATABASE_USER} and {@code DATABASE_PASSWORD}) when they answer,
 * else servers started once for this JVM and stopped when it exits.
 */
final class SharedServers {
  private static LocalRedis redis;
  private static LocalPostgres postgres;

  private SharedServers() {}

  /** The URL of the shared Redis, starting one when nothing answers. */
  static synchronized String redisUrl() {
    if (redis == null) {
      redis =
          LocalRedis.findOrStart(
              System.getenv().getOrDefault("REDIS_URL", "redis://127.0.0.1:6379"));
      Runtime.getRuntime().addShutdownHook(new Thread(redis::close));
    }
    return redis.url();
  }

  /** How to reach the shared PostgreSQL, starting one when none answers. */
  static synchronized PostgresAddress postgres() {
    if (postgres == null) {
      postgres =
          LocalPostgres.findOrStart(
              new PostgresAddress(
                  System.getenv().getOrDefault("DATABASE_URL", PostgresAddress.DEFAULT_URL),
                  System.getenv().getOrDefault("DATABASE_USER", "postgres"),
                  Optional.ofNullable(System.getenv("DATABASE_PASSWORD"))));
      Runtime.getRuntime().addShutdownHook(new Thread(postgres::close));
    }
    return postgres.address();
  }
}
