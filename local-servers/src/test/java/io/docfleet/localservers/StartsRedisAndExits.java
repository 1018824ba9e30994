package io.docfleet.localservers;

/**
 * A JVM that starts a private Redis, prints its port and exits without stopping it: what a test
 * whose clean-up did not run leaves behind ({@link LocalRedisTest}).
 */
public final class StartsRedisAndExits {
  private StartsRedisAndExits() {}

  public static void main(String[] args) {
    LocalRedis redis = LocalRedis.startPrivate();
    System.out.println(redis.port());
    System.out.flush();
    System.exit(0);
  }
}
