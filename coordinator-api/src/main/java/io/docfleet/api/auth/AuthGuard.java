package io.docfleet.api.auth;

import io.docfleet.api.http.Access;
import io.docfleet.api.http.ApiException;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * Checks {@code Authorization: Bearer <token>} before a route runs: always for {@link
 * Access#WRITE}, for {@link Access#READ} only when read auth is on. A refusal is a 401 naming the
 * header and never repeats what was sent.
 */
public final class AuthGuard {
  public static final String HEADER = "Authorization";
  private static final String SCHEME = "Bearer ";

  private final BearerTokens tokens;
  private final boolean readAuth;

  public AuthGuard(BearerTokens tokens, boolean readAuth) {
    this.tokens = tokens;
    this.readAuth = readAuth;
  }

  /** {@code handler}, run only when the request may call a route of {@code access}. */
  public Handler guard(Access access, Handler handler) {
    if (access == Access.OPEN || (access == Access.READ && !readAuth)) {
      return handler;
    }
    return ctx -> {
      check(ctx);
      handler.handle(ctx);
    };
  }

  private void check(Context ctx) {
    if (tokens.isEmpty()) {
      throw unauthorized(
          "COORDINATOR_API_TOKENS is empty: this endpoint is closed until it is set");
    }
    String header = ctx.header(HEADER);
    if (header == null || header.isBlank()) {
      throw unauthorized("a bearer token is required: Authorization: Bearer <token>");
    }
    if (!header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      throw unauthorized("the Authorization header must use the Bearer scheme");
    }
    if (!tokens.accepts(header.substring(SCHEME.length()).trim())) {
      throw unauthorized("the bearer token is not one of COORDINATOR_API_TOKENS");
    }
  }

  private static ApiException unauthorized(String message) {
    return new ApiException(401, message, HEADER);
  }
}
