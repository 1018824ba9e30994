package io.docfleet.api.auth;

import io.docfleet.config.ConfigException;
import io.docfleet.config.Secret;
import io.docfleet.task.GroupNames;
import java.util.Optional;

/**
 * One entry of {@code COORDINATOR_API_TOKENS}: {@code name:token} gives the token a name, the group
 * ({@link GroupNames}) of every document and task submitted with it; an entry without {@code :} is
 * a token without a name, which may submit in any group. The token is a {@link Secret}: printing
 * this never shows it.
 */
public record ApiToken(Optional<String> name, Secret token) {
  public static final String VARIABLE = "COORDINATOR_API_TOKENS";

  /** An unnamed token. */
  public static ApiToken unnamed(String token) {
    return new ApiToken(Optional.empty(), new Secret(token));
  }

  /**
   * Reads the {@code position}th entry (from 1); a bad one fails naming the variable and the
   * position, never repeating the entry (it holds a token).
   */
  public static ApiToken parse(String entry, int position) {
    int colon = entry.indexOf(':');
    if (colon < 0) {
      return unnamed(entry);
    }
    String name = entry.substring(0, colon).trim();
    String token = entry.substring(colon + 1).trim();
    if (!GroupNames.isValid(name)) {
      throw new ConfigException(
          VARIABLE
              + ": entry "
              + position
              + " is name:token and its name must be "
              + GroupNames.ACCEPTS
              + " (an entry without ':' is a token without a name)");
    }
    if (token.isEmpty()) {
      throw new ConfigException(
          VARIABLE + ": entry " + position + " (named " + name + ") has no token after ':'");
    }
    return new ApiToken(Optional.of(name), new Secret(token));
  }
}
