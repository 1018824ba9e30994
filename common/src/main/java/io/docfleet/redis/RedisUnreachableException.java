package io.docfleet.redis;

import io.docfleet.config.RedisSettings;

/**
 * No connection to Redis could be made at start-up: nothing answers at the address, or it refused
 * the credentials. The message names the address and the user (never the password), what went
 * wrong, and what to set; processes print it as one line and exit.
 */
public final class RedisUnreachableException extends RuntimeException {

  private RedisUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The failure to connect with {@code settings}, its cause's message scrubbed of the password. */
  static RedisUnreachableException of(RedisSettings settings, Throwable cause) {
    String reason = rootMessage(cause);
    if (settings.password().isPresent()) {
      reason = reason.replace(settings.password().get().value(), "****");
    }
    return new RedisUnreachableException(
        "cannot connect to Redis at "
            + String.join(", ", settings.nodes())
            + (settings.mode() == RedisSettings.Mode.SINGLE
                ? ""
                : " (" + settings.mode().name().toLowerCase() + " mode)")
            + settings.username().map(user -> " as " + user).orElse("")
            + ": "
            + reason
            + "; start Redis there, or set REDIS_URL (REDIS_MODE, REDIS_NODES) to where it runs",
        cause);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.strip().replaceAll("\\s+", " ");
  }
}
